#!/usr/bin/env python3
"""Writes a ResNet-50-shaped ONNX model with random weights (seeded), for liplint's benchmarks.

Topology of torchvision's ResNet-50 v1.5 (stride on the 3x3 conv of each bottleneck) with BatchNormalization
already folded into the convolutions, as exporters usually emit it: 53 Conv, 1 Gemm, ReLU, MaxPool, Add,
GlobalAveragePool, Flatten. 25.6 M float32 parameters, about 102 MB. The batch dimension is symbolic ("N").

Usage: python3 Benchmarks/make_resnet50.py OUT.onnx [--seed 0]
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

    def conv(x: str, cin: int, cout: int, k: int, stride: int, pad: int) -> str:
        n = name("conv")
        w = (rng.standard_normal((cout, cin, k, k)) * np.sqrt(2.0 / (cin * k * k))).astype(np.float32)
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

    def bottleneck(x: str, cin: int, width: int, stride: int, downsample: bool) -> str:
        y = relu(conv(x, cin, width, 1, 1, 0))
        y = relu(conv(y, width, width, 3, stride, 1))
        y = conv(y, width, width * 4, 1, 1, 0)
        shortcut = conv(x, cin, width * 4, 1, stride, 0) if downsample else x
        n = name("add")
        nodes.append(helper.make_node("Add", [y, shortcut], [n + "_out"], name=n))
        return relu(n + "_out")

    x = relu(conv("input", 3, 64, 7, 2, 3))
    n = name("maxpool")
    nodes.append(helper.make_node("MaxPool", [x], [n + "_out"], name=n, kernel_shape=[3, 3], strides=[2, 2],
                                  pads=[1, 1, 1, 1]))
    x, cin = n + "_out", 64
    for width, blocks, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
        for i in range(blocks):
            x = bottleneck(x, cin, width, stride if i == 0 else 1, i == 0)
            cin = width * 4
    n = name("gap")
    nodes.append(helper.make_node("GlobalAveragePool", [x], [n + "_out"], name=n))
    f = name("flatten")
    nodes.append(helper.make_node("Flatten", [n + "_out"], [f + "_out"], name=f, axis=1))
    w = (rng.standard_normal((1000, 2048)) * np.sqrt(1.0 / 2048)).astype(np.float32)
    inits.append(numpy_helper.from_array(w, "fc.weight"))
    inits.append(numpy_helper.from_array(np.zeros(1000, np.float32), "fc.bias"))
    nodes.append(helper.make_node("Gemm", [f + "_out", "fc.weight", "fc.bias"], ["logits"], name="fc", transB=1))

    graph = helper.make_graph(
        nodes, "resnet50_shaped",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 224, 224])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 1000])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="liplint-benchmarks", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, args.out)


if __name__ == "__main__":
    main()
