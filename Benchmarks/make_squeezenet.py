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
from onnx import helper

from onnx_builder import GraphBuilder, command_line


def main() -> None:
    args = command_line()
    g = GraphBuilder(args.seed)

    def pool(x: str) -> str:
        return g.node("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)

    def fire(x: str, cin: int, squeeze: int, expand: int) -> str:
        s = g.relu(g.conv(x, cin, squeeze, 1))
        e1 = g.relu(g.conv(s, squeeze, expand, 1))
        e3 = g.relu(g.conv(s, squeeze, expand, 3, pad=1))
        return g.node("Concat", [e1, e3], "concat", axis=1)

    x = pool(g.relu(g.conv("input", 3, 64, 3, stride=2)))
    x = fire(x, 64, 16, 64)
    x = pool(fire(x, 128, 16, 64))
    x = fire(x, 128, 32, 128)
    x = pool(fire(x, 256, 32, 128))
    x = fire(x, 256, 48, 192)
    x = fire(x, 384, 48, 192)
    x = fire(x, 384, 64, 256)
    x = fire(x, 512, 64, 256)
    x = g.relu(g.conv(x, 512, 1000, 1, std=0.01))
    x = g.node("GlobalAveragePool", [x], "gap")
    f = g.name("flatten")
    g.nodes.append(helper.make_node("Flatten", [x], ["logits"], name=f, axis=1))
    g.save(args.out, "squeezenet1_1_shaped", "logits", 1000)


if __name__ == "__main__":
    main()
