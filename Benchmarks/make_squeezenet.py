#!/usr/bin/env python3
"""Writes a SqueezeNet-1.1-shaped ONNX model with random weights (seeded), for liplint's benchmarks.

Topology of torchvision's SqueezeNet 1.1 (no BatchNormalization, like torchvision's): a 3x3 stride-2 stem
with 64 channels, MaxPool 3x3 stride 2 (ceil mode), eight Fire modules (1x1 squeeze; 1x1 and 3x3 expands,
concatenated) with two more pools, and the 1x1 classifier conv to 1000 classes, ReLU, GlobalAveragePool,
Flatten. 26 Conv, 1.24 M float32 parameters, about 5 MB. Input 1x3x224x224 with a symbolic batch ("N").
Weights: He-normal (std sqrt(2/fan_in)) for every conv, N(0, 0.01) for the classifier (torchvision's
scale), small random biases.

Usage: python3 Benchmarks/make_squeezenet.py OUT.onnx [--seed 0]
Needs the `onnx` and `numpy` Python packages (dev-time only; liplint itself never needs Python).
"""
import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    nodes, inits = [], []
    counter = {"n": 0}

    def name(prefix: str) -> str:
        counter["n"] += 1
        return f"{prefix}_{counter['n']}"

    def conv(x: str, cin: int, cout: int, k: int, stride: int = 1, pad: int = 0, std: float | None = None) -> str:
        n = name("conv")
        scale = np.sqrt(2.0 / (cin * k * k)) if std is None else std
        w = (rng.standard_normal((cout, cin, k, k)) * scale).astype(np.float32)
        b = (rng.standard_normal(cout) * 0.01).astype(np.float32)
        inits.append(numpy_helper.from_array(w, n + ".weight"))
        inits.append(numpy_helper.from_array(b, n + ".bias"))
        nodes.append(helper.make_node("Conv", [x, n + ".weight", n + ".bias"], [n + "_out"], name=n,
                                      kernel_shape=[k, k], strides=[stride, stride], pads=[pad] * 4))
        return n + "_out"

    def relu(x: str) -> str:
        n = name("relu")
        nodes.append(helper.make_node("Relu", [x], [n + "_out"], name=n))
        return n + "_out"

    def pool(x: str) -> str:
        n = name("maxpool")
        nodes.append(helper.make_node("MaxPool", [x], [n + "_out"], name=n, kernel_shape=[3, 3], strides=[2, 2],
                                      ceil_mode=1))
        return n + "_out"

    def fire(x: str, cin: int, squeeze: int, expand: int) -> str:
        s = relu(conv(x, cin, squeeze, 1))
        e1 = relu(conv(s, squeeze, expand, 1))
        e3 = relu(conv(s, squeeze, expand, 3, pad=1))
        n = name("concat")
        nodes.append(helper.make_node("Concat", [e1, e3], [n + "_out"], name=n, axis=1))
        return n + "_out"

    x = pool(relu(conv("input", 3, 64, 3, stride=2)))
    x = fire(x, 64, 16, 64)
    x = pool(fire(x, 128, 16, 64))
    x = fire(x, 128, 32, 128)
    x = pool(fire(x, 256, 32, 128))
    x = fire(x, 256, 48, 192)
    x = fire(x, 384, 48, 192)
    x = fire(x, 384, 64, 256)
    x = fire(x, 512, 64, 256)
    x = relu(conv(x, 512, 1000, 1, std=0.01))
    n = name("gap")
    nodes.append(helper.make_node("GlobalAveragePool", [x], [n + "_out"], name=n))
    f = name("flatten")
    nodes.append(helper.make_node("Flatten", [n + "_out"], ["logits"], name=f, axis=1))

    graph = helper.make_graph(
        nodes, "squeezenet1_1_shaped",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 224, 224])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 1000])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="liplint-benchmarks", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, args.out)


if __name__ == "__main__":
    main()
