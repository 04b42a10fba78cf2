#!/usr/bin/env python3
"""Flop counts of liplint's per-layer figures on a model, from a liplint JSON report (for docs/benchmarks.md).

Per conv layer (cout, cin, k1 x k2 kernel, stride s, input n1 x n2, output m1 x m2; p = s1*s2 phases;
g groups: every per-point figure below is per group on cout/g x cin/g channels, times g):
  apply      one operator application: 2*cout*(cin/g)*k1*k2*m1*m2 (the convolution itself)
  exact      Lanczos: iterations x 2 applications (A and A^T); 1x1 kernels: one SVD of cout x cin. liplint
             runs one Lanczos per group (the report's `iterations` is their sum), and every step also pays a
             fixed cost independent of the layer's size (the Ritz values: an eigendecomposition of the
             projected matrix of up to 40 x 40, plus reorthogonalization): 0.06-0.1 ms measured, counted here as
             `lanczosSteps`; on depthwise layers with small groups it dominates the applications
  circulant  (n1/s1)*(n2/s2) frequencies x singular values of a cout x cin*p matrix (~ 4*a*b*min(a,b) for
             the Gram matrix and its eigenvalues) + the kernel's FFT
  embedding  the symbol on a grid of about (n1+k1) x (n2+k2) points, sigma_max only (same per-point cost)
  asymptotic evaluated points (`evaluatedPoints`) x the same per-point cost; independent of the input size
A 1x1 kernel (any stride) has a constant symbol: every figure is one SVD of the cout x cin matrix.
Usage: cost_model.py REPORT.json   (an inspect or check report with the figures of interest)
"""
import json
import sys


def main():
    report = json.load(open(sys.argv[1]))
    if "layers" not in report:
        report = report["models"][0]
    totals = {"apply": 0.0, "exact": 0.0, "circulant": 0.0, "embedding": 0.0, "asymptotic": 0.0}
    iterations = 0
    for layer in report["layers"]:
        if layer["op"] != "Conv":
            continue
        g = layer["group"]
        cout, cin = layer["outputChannels"] // g, layer["inputChannels"] // g
        k1, k2 = layer["kernel"]
        s1, s2 = layer["stride"]
        n1, n2 = layer["inputSize"]
        m1, m2 = layer["outputSize"]
        p = s1 * s2
        apply = 2.0 * g * cout * cin * k1 * k2 * m1 * m2
        a, b = cout, cin * p
        point = 4.0 * g * a * b * min(a, b)
        bounds = layer.get("bounds") or {}
        totals["apply"] += apply
        if (k1, k2) == (1, 1):
            a, b = cout, cin
            for figure in ("exact", "circulant", "embedding", "asymptotic"):
                if figure in bounds:
                    totals[figure] += 4.0 * g * a * b * min(a, b)
            continue
        if "exact" in bounds and "iterations" in bounds["exact"]:
            it = bounds["exact"]["iterations"]
            iterations += it
            # `it` sums the groups' steps; one step of one group applies 1/g of the layer.
            totals["exact"] += it * 2 * apply / g if it else point
        if "circulant" in bounds:
            totals["circulant"] += (n1 // s1) * (n2 // s2) * point
        if "embedding" in bounds:
            totals["embedding"] += (n1 + k1) * (n2 + k2) / p * point
        if "asymptotic" in bounds:
            totals["asymptotic"] += bounds["asymptotic"].get("evaluatedPoints", 1) * point
    print(json.dumps({"gflop": {k: round(v / 1e9, 1) for k, v in totals.items()}, "lanczosSteps": iterations, "lanczosStepOverheadSeconds": round(iterations * 1e-4, 1)}))


if __name__ == "__main__":
    main()
