#!/usr/bin/env python3
"""Writes a ResNet-50-shaped ONNX model with random weights (seeded), for liplint's benchmarks.

Topology of torchvision's ResNet-50 v1.5 (stride on the 3x3 conv of each bottleneck) with BatchNormalization
already folded into the convolutions, as exporters usually emit it: 53 Conv, 1 Gemm, ReLU, MaxPool, Add,
GlobalAveragePool, Flatten. 25.6 M float32 parameters, about 102 MB. The batch dimension is symbolic ("N").

Usage: python3 Benchmarks/make_resnet50.py OUT.onnx [--seed 0]
Needs the `onnx` and `numpy` Python packages (dev-time only; liplint itself never needs Python).
"""
import numpy as np
from onnx import helper, numpy_helper

from onnx_builder import GraphBuilder, command_line


def main() -> None:
    args = command_line()
    g = GraphBuilder(args.seed)

    def bottleneck(x: str, cin: int, width: int, stride: int, downsample: bool) -> str:
        y = g.relu(g.conv(x, cin, width, 1, 1, 0))
        y = g.relu(g.conv(y, width, width, 3, stride, 1))
        y = g.conv(y, width, width * 4, 1, 1, 0)
        shortcut = g.conv(x, cin, width * 4, 1, stride, 0) if downsample else x
        return g.relu(g.node("Add", [y, shortcut], "add"))

    x = g.relu(g.conv("input", 3, 64, 7, 2, 3))
    x = g.node("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    cin = 64
    for width, blocks, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
        for i in range(blocks):
            x = bottleneck(x, cin, width, stride if i == 0 else 1, i == 0)
            cin = width * 4
    x = g.node("GlobalAveragePool", [x], "gap")
    x = g.node("Flatten", [x], "flatten", axis=1)
    w = (g.rng.standard_normal((1000, 2048)) * np.sqrt(1.0 / 2048)).astype(np.float32)
    g.inits.append(numpy_helper.from_array(w, "fc.weight"))
    g.inits.append(numpy_helper.from_array(np.zeros(1000, np.float32), "fc.bias"))
    g.nodes.append(helper.make_node("Gemm", [x, "fc.weight", "fc.bias"], ["logits"], name="fc", transB=1))
    g.save(args.out, "resnet50_shaped", "logits", 1000)


if __name__ == "__main__":
    main()
