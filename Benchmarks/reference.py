#!/usr/bin/env python3
"""A plain numpy/scipy implementation of liplint's per-layer figures, for `make bench`.

Reads the layers (names, geometry, the figures liplint reported and their grids) from liplint's own JSON
report (`inspect --format json`) and the weights from the ONNX file, computes the same figures with
straightforward numpy/scipy code on the same layers, and prints JSON: the wall time per figure kind, the
largest relative difference to liplint's number per figure kind, and which layers it covered.

Every conv layer is covered: grouped (block diagonal over groups, the figures are the maximum over groups;
the groups are batched, not looped), dilated (taps at a*d), strided (the polyphase kernel K' of
docs/spectral-methods.md section 1, with liplint's column layout), and ConvTranspose (the adjoint of the Conv
with the same weight, acting on the ConvTranspose's output size: same singular values).

  asymptotic  max over a 32x32 grid of the torus of sigma_max of the symbol of the canonical kernel, polished
              by a local maximization (Nelder-Mead) from the best grid point: an attained value of
              sigma_inf, compared with liplint's attained `lower` (liplint also certifies an `upper`
              within 1e-3 of it, which the reference does not attempt; a local maximum can be missed)
  embedding   sigma_max of the symbol of K' over the report's embedding grid N1 x N2 (the smallest circulant
              that provably contains the zero-padded layer; the grid is read from the report)
  circulant   every singular value of the symbol of K' on the (n/stride) grid: max and min
  exact       scipy.sparse.linalg.svds (ARPACK, tol 1e-6 as liplint) on the zero-padded, strided, dilated, grouped
              convolution applied directly (one matmul per tap)
  closedForm  triangle, blockNorm, schur, frobenius of the canonical kernel (docs/spectral-methods.md s.5)
  fantasticFour  sqrt(taps) * min of the four reshape norms (dense SVDs) of the canonical kernel
  reshaped    ||R3||_2 of the canonical kernel
The canonical kernel is liplint's: the undilated kernel at stride 1, K' otherwise, compacted as liplint
does (zero channels, zero border taps and zero-stuffing removed: no singular value of the symbol changes,
but the reshape-type figures and `gram`'s orientation and size do).

A 1x1 kernel has a constant symbol, so every figure of it is one SVD of the weight matrix (per group), as in
liplint. Dense layers (Gemm/MatMul): sigma_max of the weight. The spatial Gram iteration (`gram`) and
`approximation` are not reimplemented (their time is not counted on either side only for `approximation`,
which `--bounds standard` does not compute; `gram` is in liplint's time and not in the reference's: the
ratio is conservative).

Run with one BLAS thread (the bench target sets OPENBLAS_NUM_THREADS=1 / OMP_NUM_THREADS=1).

Usage: reference.py MODEL.onnx LIPLINT.json [--figures asymptotic,embedding,...]
"""
import argparse
import json
import time

import numpy as np
import onnx
from onnx import numpy_helper
from scipy.optimize import minimize
from scipy.sparse.linalg import LinearOperator, svds

ALL = ["asymptotic", "embedding", "circulant", "exact", "closedForm", "fantasticFour", "gram", "reshaped"]


def grouped(w, groups):
    """ONNX weight (cout, cin/g, kh, kw) -> (g, cout/g, cin/g, kh, kw)."""
    cout = w.shape[0]
    return w.reshape(groups, cout // groups, *w.shape[1:])


def polyphase(wg, stride, dilation):
    """K' per group, (g, co, ci*s1*s2, ceil(keff1/s1), ceil(keff2/s2)); column (i*s1 + r1)*s2 + r2 as liplint."""
    g, co, ci, kh, kw = wg.shape
    (s1, s2), (d1, d2) = stride, dilation
    ke1, ke2 = (kh - 1) * d1 + 1, (kw - 1) * d2 + 1
    kp1, kp2 = -(-ke1 // s1), -(-ke2 // s2)
    out = np.zeros((g, co, ci, s1, s2, kp1, kp2))
    for a in range(kh):
        p, r1 = divmod(a * d1, s1)
        for b in range(kw):
            q, r2 = divmod(b * d2, s2)
            out[:, :, :, r1, r2, p, q] = wg[:, :, :, a, b]
    return out.reshape(g, co, ci * s1 * s2, kp1, kp2)


def compact(k):
    """liplint's compaction of a layer's canonical kernels (g, co, ci, k1, k2), which changes no singular value
    of the symbol but some reshape-type figures: per group the all-zero output and input channels dropped
    (groups padded back with zero channels to the largest count), all-zero border tap rows and columns
    trimmed, and a tap grid whose non-zero taps lie on every m-th row (column) subsampled by m."""
    g, co, ci, k1, k2 = k.shape
    mag = np.abs(k)
    outs = [np.flatnonzero(mag[j].sum(axis=(1, 2, 3))) for j in range(g)]
    ins = [np.flatnonzero(mag[j].sum(axis=(0, 2, 3))) for j in range(g)]
    co2, ci2 = max(1, max(len(o) for o in outs)), max(1, max(len(i) for i in ins))
    out = np.zeros((g, co2, ci2, k1, k2))
    for j in range(g):
        out[j, :len(outs[j]), :len(ins[j])] = k[j][np.ix_(outs[j], ins[j])]
    rows = np.flatnonzero(np.abs(out).sum(axis=(0, 1, 2, 4)))
    cols = np.flatnonzero(np.abs(out).sum(axis=(0, 1, 2, 3)))
    if rows.size == 0:
        return out[..., :1, :1]
    out = out[..., rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    m1, m2 = np.gcd.reduce(rows - rows[0]) or 1, np.gcd.reduce(cols - cols[0]) or 1
    return out[..., ::m1, ::m2]


def symbol_singular_values(k, grid, chunk_bytes=64 << 20):
    """Every singular value of every group's symbol F(w) = sum_pq K[..., p, q] e^{-i(p w1 + q w2)} at the
    frequencies 2*pi*(u/N1, v/N2) of the grid, a chunk of frequencies at a time (the whole grid of a
    512-channel layer would need gigabytes). The Gram matrix of the smaller side has the same nonzero values
    and is cheaper than an SVD."""
    g, co, cols, k1, k2 = k.shape
    n1, n2 = grid
    f1, f2 = np.meshgrid(np.arange(n1) / n1, np.arange(n2) / n2, indexing="ij")
    freqs = np.stack([f1.ravel(), f2.ravel()], axis=1) * 2 * np.pi
    per_chunk = max(1, chunk_bytes // (16 * g * co * cols))
    values = []
    for start in range(0, len(freqs), per_chunk):
        f = freqs[start:start + per_chunk]
        e1 = np.exp(-1j * np.outer(f[:, 0], np.arange(k1)))
        e2 = np.exp(-1j * np.outer(f[:, 1], np.arange(k2)))
        m = np.einsum("gocij,fi,fj->fgoc", k, e1, e2, optimize=True)
        gram = m @ m.conj().swapaxes(-1, -2) if co <= cols else m.conj().swapaxes(-1, -2) @ m
        values.append(np.sqrt(np.clip(np.linalg.eigvalsh(gram), 0, None)).ravel())
    return np.concatenate(values)


def symbol_max(k, grid=(32, 32)):
    """sigma_inf estimated from below: the largest sigma_max of the symbol over the grid, then polished by a
    local maximization (Nelder-Mead) from the best grid point; an attained value, like liplint's `lower`."""
    g, co, cols, k1, k2 = k.shape
    values = symbol_singular_values(k, grid).reshape(grid[0] * grid[1], g, -1).max(axis=(1, 2))
    best = np.argmax(values)
    start = 2 * np.pi * np.array([best // grid[1] / grid[0], best % grid[1] / grid[1]])

    def negative(w):
        e1, e2 = np.exp(-1j * w[0] * np.arange(k1)), np.exp(-1j * w[1] * np.arange(k2))
        m = np.einsum("gocij,i,j->goc", k, e1, e2)
        return -np.linalg.svd(m, compute_uv=False)[:, 0].max()

    polished = minimize(negative, start, method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-12})
    return max(values[best], -polished.fun)


def matrix_norms(wg):
    """sigma_max of each group's matrix (g, a, b), the largest."""
    return np.linalg.svd(wg, compute_uv=False)[:, 0].max()


def conv_operator(wg, stride, dilation, pads, size):
    """The zero-padded strided dilated grouped convolution x (g*ci, n1, n2) -> y (g*co, m1, m2), and its adjoint."""
    g, co, ci, kh, kw = wg.shape
    (s1, s2), (d1, d2) = stride, dilation
    top, left, bottom, right = pads
    n1, n2 = size
    p1, p2 = n1 + top + bottom, n2 + left + right
    m1, m2 = (p1 - (kh - 1) * d1 - 1) // s1 + 1, (p2 - (kw - 1) * d2 - 1) // s2 + 1
    taps = [(i, j, wg[:, :, :, i, j].copy()) for i in range(kh) for j in range(kw)]

    def window(a, i, j):
        return a[:, :, i * d1:i * d1 + s1 * (m1 - 1) + 1:s1, j * d2:j * d2 + s2 * (m2 - 1) + 1:s2]

    def forward(x):
        xp = np.zeros((g, ci, p1, p2))
        xp[:, :, top:top + n1, left:left + n2] = x.reshape(g, ci, n1, n2)
        y = np.zeros((g, co, m1 * m2))
        for i, j, t in taps:
            y += t @ window(xp, i, j).reshape(g, ci, -1)
        return y.ravel()

    def adjoint(y):
        y = y.reshape(g, co, m1 * m2)
        xp = np.zeros((g, ci, p1, p2))
        for i, j, t in taps:
            window(xp, i, j)[...] += (t.swapaxes(1, 2) @ y).reshape(g, ci, m1, m2)
        return xp[:, :, top:top + n1, left:left + n2].ravel()

    return LinearOperator((g * co * m1 * m2, g * ci * n1 * n2), matvec=forward, rmatvec=adjoint, dtype=np.float64)


def closed_form(k):
    """triangle, blockNorm, schur, frobenius of a stride-one kernel (g, co, ci, k1, k2), max over groups."""
    g, co, ci = k.shape[:3]
    taps = k.reshape(g, co, ci, -1)
    sv = np.linalg.svd(taps.transpose(0, 3, 1, 2), compute_uv=False)  # (g, taps, min(co, ci))
    triangle = sv[..., 0].sum(axis=1).max()
    a = np.abs(taps).sum(axis=3)  # (g, co, ci)
    block = np.linalg.svd(a, compute_uv=False)[:, 0].max()
    schur = np.sqrt(a.sum(axis=1).max(axis=1) * a.sum(axis=2).max(axis=1)).max()
    frob = (np.sqrt(taps.shape[3]) * np.sqrt((taps ** 2).sum(axis=(1, 2, 3)))).max()
    return {"triangle": triangle, "blockNorm": block, "schur": schur, "frobenius": frob}


def reshape_norms(k):
    """The four reshape norms of Singla & Feizi per group of a kernel (g, co, ci, k1, k2): (g, 4)."""
    g, co, ci, k1, k2 = k.shape
    r1 = k.transpose(0, 1, 3, 2, 4).reshape(g, co * k1, ci * k2)
    r2 = k.transpose(0, 1, 4, 3, 2).reshape(g, co * k2, k1 * ci)
    r3 = k.reshape(g, co, ci * k1 * k2)
    r4 = k.transpose(0, 2, 1, 3, 4).reshape(g, ci, co * k1 * k2)
    return np.stack([np.linalg.svd(r, compute_uv=False)[:, 0] for r in (r1, r2, r3, r4)], axis=1)


def gram_bound(k, t):
    """The spatial Gram iteration bound on sigma_inf after t steps (docs/spectral-methods.md s.2 item 4) of a
    stride-one kernel (g, co, ci, k1, k2), max over groups: G_1 = F F^H (the smaller side) per frequency of
    the n1 x n2 DFT grid (n = 2^t (k - 1) + 1, the support of G_t, so the inverse DFT is exact), squared t - 1
    times with Frobenius rescaling, then the largest absolute row sum of the spatial coefficients."""
    g, co, ci, k1, k2 = k.shape
    if (k1, k2) == (1, 1):
        m = k[..., 0, 0]
        gm = m @ m.swapaxes(1, 2) if co <= ci else m.swapaxes(1, 2) @ m
        log_scale = np.zeros(g)
        dead = np.zeros(g, dtype=bool)  # groups whose Gram power vanished: their bound is 0
        for step in range(1, t + 1):
            if step > 1:
                gm = gm @ gm
            s = np.sqrt((gm ** 2).sum(axis=(1, 2)))
            dead |= s == 0
            s = np.where(s > 0, s, 1.0)
            gm = gm / s[:, None, None]
            log_scale += np.log(s) / 2 ** step
        rows = np.abs(gm).sum(axis=2).max(axis=1)
        with np.errstate(divide="ignore"):
            bounds = np.exp(np.log(rows) / 2 ** t + log_scale)
        return np.where(dead, 0.0, bounds).max()
    n1, n2 = 2 ** t * (k1 - 1) + 1, 2 ** t * (k2 - 1) + 1
    f = np.fft.fft2(k, s=(n1, n2)).transpose(3, 4, 0, 1, 2)  # (n1, n2, g, co, ci)
    gm = f @ f.conj().swapaxes(-1, -2) if co <= ci else f.conj().swapaxes(-1, -2) @ f
    del f
    log_scale = np.zeros(g)
    dead = np.zeros(g, dtype=bool)  # groups whose Gram power vanished (all-zero weights): their bound is 0
    for step in range(1, t + 1):
        if step > 1:
            gm = gm @ gm
        s = np.sqrt((np.abs(gm) ** 2).sum(axis=(0, 1, 3, 4)) / (n1 * n2))  # spatial Frobenius norm (Parseval)
        dead |= s == 0
        s = np.where(s > 0, s, 1.0)
        gm /= s[None, None, :, None, None]
        log_scale += np.log(s) / 2 ** step
    spatial = np.fft.ifft2(gm.transpose(2, 3, 4, 0, 1))  # (g, c, c, n1, n2)
    rows = np.abs(spatial).sum(axis=(2, 3, 4)).max(axis=1)
    with np.errstate(divide="ignore"):
        bounds = np.exp(np.log(rows) / 2 ** t + log_scale)
    return np.where(dead, 0.0, bounds).max()


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


class Tally:
    def __init__(self, figures):
        self.figures = figures
        self.seconds = {f: 0.0 for f in figures}
        self.worst = {f: 0.0 for f in figures}
        self.where = {f: None for f in figures}

    def record(self, figure, start, pairs, node, elapsed=None, scale=None):
        """Adds the CPU time since `start` (or `elapsed`) and the relative differences of (mine, liplint's)
        pairs; with `scale`, a difference relative to it (for values that may be at rounding level)."""
        self.seconds[figure] += time.process_time() - start if elapsed is None else elapsed
        for mine, theirs in pairs:
            if theirs is None or not np.isfinite(theirs):
                continue
            d = rel(mine, theirs) if scale is None else abs(mine - theirs) / scale
            if d > self.worst[figure]:
                self.worst[figure], self.where[figure] = d, node


def conv_figures(layer, w, bounds, tally):
    figures = tally.figures
    groups = layer["group"]
    stride, dilation, pads = layer["stride"], layer["dilation"], layer["pads"]
    # ConvTranspose: the adjoint of the Conv with the same weight on the ConvTranspose's output size.
    size = layer["outputSize"] if layer["op"] == "ConvTranspose" else layer["inputSize"]
    wg = grouped(w, groups)
    node = layer["node"]
    pointwise = w.shape[2:] == (1, 1)
    kp = polyphase(wg, stride, dilation)
    canonical = compact(wg if stride == [1, 1] else kp)
    if "closedForm" in figures and "closedForm" in bounds:
        start = time.process_time()
        c = closed_form(canonical)
        tally.record("closedForm", start, [(c[key], bounds["closedForm"].get(key)) for key in c], node)
    if ("fantasticFour" in figures and "fantasticFour" in bounds) or ("reshaped" in figures and "reshaped" in bounds):
        start = time.process_time()
        norms = reshape_norms(canonical)
        four = (np.sqrt(canonical.shape[3] * canonical.shape[4]) * norms.min(axis=1)).max()
        r3 = norms[:, 2].max()
        # One set of SVDs serves both figures: half the time to each.
        half = (time.process_time() - start) / 2
        if "fantasticFour" in figures and "fantasticFour" in bounds:
            tally.record("fantasticFour", start, [(four, bounds["fantasticFour"]["upper"])], node, half)
        if "reshaped" in figures and "reshaped" in bounds:
            tally.record("reshaped", start, [(r3, bounds["reshaped"]["value"])], node, half)
    if "gram" in figures and "upper" in (bounds.get("gram") or {}):
        start = time.process_time()
        value = gram_bound(canonical, bounds["gram"]["iterations"])
        tally.record("gram", start, [(value, bounds["gram"]["upper"])], node)
    if "asymptotic" in figures and "asymptotic" in bounds:
        start = time.process_time()
        value = matrix_norms(canonical[..., 0, 0]) if pointwise else symbol_max(canonical)
        tally.record("asymptotic", start, [(value, bounds["asymptotic"]["lower"])], node)
    if "embedding" in figures and "upper" in bounds.get("embedding", {}):
        start = time.process_time()
        e = bounds["embedding"]
        grid = (1, 1) if pointwise else tuple(e["grid"])
        value = symbol_singular_values(kp, grid).max()
        tally.record("embedding", start, [(value, e["upper"])], node)
    if "circulant" in figures and "max" in bounds.get("circulant", {}):
        start = time.process_time()
        c = bounds["circulant"]
        values = symbol_singular_values(kp, (1, 1) if pointwise else tuple(c["grid"]))
        # The minimum can be a rounding-level value (rank-deficient weights): compared relative to the max.
        tally.record("circulant", start, [(values.max(), c["max"])], node)
        tally.record("circulant", start, [(values.min(), c["min"])], node, elapsed=0.0, scale=c["max"])
    if "exact" in figures and "value" in bounds.get("exact", {}):
        start = time.process_time()
        if pointwise:
            value = matrix_norms(wg[..., 0, 0])  # (liplint: 0 when no output reads the image; never here)
        else:
            op = conv_operator(wg, stride, dilation, pads, size)
            value = svds(op, k=1, tol=1e-6, return_singular_vectors=False, random_state=0)[0]
        tally.record("exact", start, [(value, bounds["exact"]["value"])], node)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("report")
    parser.add_argument("--figures", default=",".join(ALL), help="comma-separated subset of " + ",".join(ALL))
    args = parser.parse_args()
    figures = args.figures.split(",")
    model = onnx.load(args.model)
    weights = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    for node in model.graph.node:  # exporters such as Paddle2ONNX store weights as Constant nodes
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            weights[node.output[0]] = numpy_helper.to_array(node.attribute[0].t).astype(np.float64)
    report = json.load(open(args.report))
    if "layers" not in report:  # a check report: the first model's analysis
        report = report["models"][0]
    tally = Tally(figures)
    wall = time.perf_counter()
    covered, skipped = 0, []
    for layer in report["layers"]:
        bounds = layer.get("bounds") or {}
        w = weights.get(layer.get("weight"))
        if w is None or not bounds:
            skipped.append(layer.get("node"))
            continue
        if layer["op"] in ("Gemm", "MatMul"):
            covered += 1
            if "exact" in figures and "value" in bounds.get("exact", {}):
                start = time.process_time()
                value = np.linalg.norm(w.reshape(w.shape[0], -1) if w.ndim > 2 else w, 2)
                tally.record("exact", start, [(value, bounds["exact"]["value"])], layer["node"])
            continue
        if layer.get("spatialRank") != 2:
            skipped.append(layer.get("node"))
            continue
        covered += 1
        conv_figures(layer, w, bounds, tally)
    print(json.dumps({"layers": covered, "skipped": skipped, "seconds": tally.seconds,
                      "wall": time.perf_counter() - wall,
                      "total": sum(tally.seconds.values()), "maxRelDiff": tally.worst, "worstLayer": tally.where}))


if __name__ == "__main__":
    main()
