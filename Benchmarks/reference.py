#!/usr/bin/env python3
"""A plain numpy/scipy implementation of liplint's per-layer figures, for `make bench`.

Reads the layers (names, geometry) from liplint's own JSON report (`inspect --format json`) and the weights
from the ONNX file, computes the figures the report has with straightforward numpy/scipy code, and prints
JSON: the wall time per figure kind and the largest relative difference to liplint's numbers.

  asymptotic  max over a 32x32 grid of the torus of sigma_max of the polyphase symbol (an estimate from
              below of the quantity liplint certifies from above; 1x1 kernels: sigma_max of the matrix)
  circulant   every singular value of the polyphase symbol on the (n/stride) grid: max and min
  exact       scipy.sparse.linalg.svds (ARPACK) on the zero-padded strided convolution applied directly
              (1x1 stride-1 unpadded kernels: sigma_max of the matrix, as liplint does)

Dense layers (Gemm/MatMul): sigma_max of the weight. Run with one BLAS thread (the bench target sets
OPENBLAS_NUM_THREADS=1 / OMP_NUM_THREADS=1).

Usage: reference.py MODEL.onnx LIPLINT.json   (an `inspect` or `check` JSON report; the figures it has)
"""
import argparse
import json
import time

import numpy as np
import onnx
from onnx import numpy_helper
from scipy.sparse.linalg import LinearOperator, svds


def polyphase(w, stride):
    """The phase kernels of a strided conv: w[:, :, a::s, b::s] for every phase (a, b) with taps."""
    s1, s2 = stride
    return [w[:, :, a::s1, b::s2] for a in range(s1) for b in range(s2) if w[:, :, a::s1, b::s2].size]


def symbol_singular_values(w, stride, grid, chunk_bytes=64 << 20):
    """Every singular value of the polyphase symbol (cout x cin*phases) at the grid's frequencies, evaluated
    a chunk of frequencies at a time (the whole grid of a 512-channel layer would need gigabytes)."""
    g1, g2 = grid
    phases = polyphase(w, stride)
    cout = w.shape[0]
    cols = sum(k.shape[1] for k in phases)
    f1, f2 = np.meshgrid(np.arange(g1) / g1, np.arange(g2) / g2, indexing="ij")
    freqs = np.stack([f1.ravel(), f2.ravel()], axis=1) * 2 * np.pi
    per_chunk = max(1, chunk_bytes // (16 * cout * cols))
    values = []
    for start in range(0, len(freqs), per_chunk):
        f = freqs[start:start + per_chunk]
        blocks = []
        for k in phases:
            e1 = np.exp(-1j * np.outer(f[:, 0], np.arange(k.shape[2])))
            e2 = np.exp(-1j * np.outer(f[:, 1], np.arange(k.shape[3])))
            blocks.append(np.einsum("ocij,fi,fj->foc", k, e1, e2, optimize=True))
        m = np.concatenate(blocks, axis=2)  # (chunk, cout, cols)
        # The smaller Gram side is cheaper than an SVD and has the same nonzero values.
        g = m @ m.conj().transpose(0, 2, 1) if cout <= cols else m.conj().transpose(0, 2, 1) @ m
        values.append(np.sqrt(np.clip(np.linalg.eigvalsh(g), 0, None)).ravel())
    return np.concatenate(values)


def conv_operator(w, stride, pads, size):
    """The zero-padded strided convolution x (cin, n1, n2) -> y (cout, m1, m2) and its adjoint."""
    cout, cin, kh, kw = w.shape
    s1, s2 = stride
    top, left, bottom, right = pads
    n1, n2 = size
    p1, p2 = n1 + top + bottom, n2 + left + right
    m1, m2 = (p1 - kh) // s1 + 1, (p2 - kw) // s2 + 1

    def forward(x):
        xp = np.zeros((cin, p1, p2))
        xp[:, top:top + n1, left:left + n2] = x.reshape(cin, n1, n2)
        y = np.zeros((cout, m1 * m2))
        for i in range(kh):
            for j in range(kw):
                y += w[:, :, i, j] @ xp[:, i:i + s1 * m1:s1, j:j + s2 * m2:s2].reshape(cin, -1)
        return y.ravel()

    def adjoint(y):
        y = y.reshape(cout, m1 * m2)
        xp = np.zeros((cin, p1, p2))
        for i in range(kh):
            for j in range(kw):
                xp[:, i:i + s1 * m1:s1, j:j + s2 * m2:s2] += (w[:, :, i, j].T @ y).reshape(cin, m1, m2)
        return xp[:, top:top + n1, left:left + n2].ravel()

    return LinearOperator((cout * m1 * m2, cin * n1 * n2), matvec=forward, rmatvec=adjoint, dtype=np.float64)


def exact_norm(w, stride, pads, size):
    if w.shape[2:] == (1, 1) and tuple(stride) == (1, 1) and not any(pads):
        return np.linalg.norm(w[:, :, 0, 0], 2)
    op = conv_operator(w, stride, pads, size)
    return svds(op, k=1, tol=1e-7, return_singular_vectors=False, random_state=0)[0]


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("report")
    args = parser.parse_args()
    wanted = ["asymptotic", "circulant", "exact"]
    model = onnx.load(args.model)
    weights = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    report = json.load(open(args.report))
    if "layers" not in report:  # a check report: the first model's analysis
        report = report["models"][0]
    seconds = {f: 0.0 for f in wanted}
    worst = {f: 0.0 for f in wanted}
    layers = 0
    for layer in report["layers"]:
        bounds = layer.get("bounds") or {}
        w = weights.get(layer.get("weight"))
        if w is None:
            continue
        layers += 1
        if layer["op"] in ("Gemm", "MatMul"):
            start = time.perf_counter()
            value = np.linalg.norm(w, 2)
            if "exact" in wanted:
                seconds["exact"] += time.perf_counter() - start
                if "exact" in bounds and "value" in bounds["exact"]:
                    worst["exact"] = max(worst["exact"], rel(value, bounds["exact"]["value"]))
            continue
        if layer["group"] != 1 or layer["spatialRank"] != 2 or layer["dilation"] != [1, 1]:
            continue
        stride, size = layer["stride"], layer["inputSize"]
        pads = layer["pads"]
        if "asymptotic" in wanted and "asymptotic" in bounds:
            start = time.perf_counter()
            grid = (1, 1) if w.shape[2:] == (1, 1) and stride == [1, 1] else (32, 32)
            value = symbol_singular_values(w, stride, grid).max()
            seconds["asymptotic"] += time.perf_counter() - start
            worst["asymptotic"] = max(worst["asymptotic"], rel(value, bounds["asymptotic"]["upper"]))
        if "circulant" in wanted and "max" in bounds.get("circulant", {}):
            start = time.perf_counter()
            values = symbol_singular_values(w, stride, (size[0] // stride[0], size[1] // stride[1]))
            seconds["circulant"] += time.perf_counter() - start
            c = bounds["circulant"]
            worst["circulant"] = max(worst["circulant"], rel(values.max(), c["max"]))
        if "exact" in wanted and "value" in bounds.get("exact", {}):
            start = time.perf_counter()
            value = exact_norm(w, stride, pads, size)
            seconds["exact"] += time.perf_counter() - start
            worst["exact"] = max(worst["exact"], rel(value, bounds["exact"]["value"]))
    print(json.dumps({"layers": layers, "seconds": seconds, "total": sum(seconds.values()), "maxRelDiff": worst}))


if __name__ == "__main__":
    main()
