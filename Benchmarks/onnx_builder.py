"""A small builder of ONNX graphs with seeded random conv weights, shared by the benchmark model generators
(make_resnet50.py, make_squeezenet.py). Needs the `onnx` and `numpy` Python packages (dev-time only)."""
import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def command_line() -> argparse.Namespace:
    """The generators' arguments: OUT.onnx [--seed 0]."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


class GraphBuilder:
    """Nodes and initializers of one graph; every helper returns the name of the tensor it produced."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.nodes, self.inits = [], []
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}_{self.count}"

    def node(self, op: str, inputs: list, prefix: str, **attributes) -> str:
        n = self.name(prefix)
        self.nodes.append(helper.make_node(op, inputs, [n + "_out"], name=n, **attributes))
        return n + "_out"

    def conv(self, x: str, cin: int, cout: int, k: int, stride: int = 1, pad: int = 0, std: float | None = None) -> str:
        """A Conv with He-normal weights (std sqrt(2 / fan_in)) unless `std` is given, and N(0, 0.01) biases."""
        n = self.name("conv")
        scale = np.sqrt(2.0 / (cin * k * k)) if std is None else std
        w = (self.rng.standard_normal((cout, cin, k, k)) * scale).astype(np.float32)
        b = (self.rng.standard_normal(cout) * 0.01).astype(np.float32)
        self.inits.append(numpy_helper.from_array(w, n + ".weight"))
        self.inits.append(numpy_helper.from_array(b, n + ".bias"))
        self.nodes.append(helper.make_node("Conv", [x, n + ".weight", n + ".bias"], [n + "_out"], name=n,
                                           kernel_shape=[k, k], strides=[stride, stride], pads=[pad] * 4))
        return n + "_out"

    def relu(self, x: str) -> str:
        return self.node("Relu", [x], "relu")

    def save(self, path: str, graph_name: str, output: str, classes: int) -> None:
        """Writes the model: input "input" (N x 3 x 224 x 224, symbolic batch), output `output` (N x classes)."""
        graph = helper.make_graph(
            self.nodes, graph_name,
            [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 224, 224])],
            [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["N", classes])],
            initializer=self.inits)
        model = helper.make_model(graph, producer_name="liplint-benchmarks",
                                  opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 8
        onnx.checker.check_model(model)
        onnx.save(model, path)
