import Foundation

extension ConvolutionSpec {
    /// Largest side of the per-frequency matrix of `groupStripBounds` (rows `c_out/g · m`, columns
    /// `c_in/g · s · n` along the exact axis): beyond it the bound is not computed (its SVDs would cost a
    /// good part of a Lanczos run, and on such maps the embedding bound is already tight).
    static let stripMatrixLimit = 32

    /// Each group's *strip* bound at input size `input`, in group order, or `nil` when the shorter axis is
    /// too long for it (`stripMatrixLimit`). A certified upper bound on each group's norm at this size, up to
    /// the rounding of one SVD (≈ 1e-15 relative), and much tighter than the `embedding` bound on short,
    /// wide feature maps (a 3×96 map under a 5×5 kernel: within 0.1 % of the norm, where the embedding
    /// bound is 25–40 % above it).
    ///
    /// The zero-padded operator is a sum over taps of Kronecker products, one factor per axis:
    /// `T = Σ_{a,b} K[a,b] ⊗ R_a ⊗ R'_b`. Along the longer axis the embedding argument of `EmbeddingGrid`
    /// gives `R'_b = S·P_b·E` for every tap at once (`E` isometric, `S` a row selection, `P_b` the
    /// polyphase circular shift on `N` points). Keeping the shorter axis exact,
    /// `‖T‖₂ ≤ ‖Σ K[a,b] ⊗ R_a ⊗ P_b‖₂ = max_ω ‖M(ω)‖₂` over the `N` DFT frequencies, with
    /// `M(ω) = Σ_{a,b} K[a,b] ⊗ R_a · e^{−i p_b ω}` on the polyphase columns of phase `r_b` — one small
    /// complex matrix per frequency (half of them: the weights are real, so `M(−ω) = conj M(ω)`).
    func groupStripBounds(input: Size2D) -> [Double]? {
        guard let output = outputSize(forInput: input) else { return nil }
        // The exact axis is the shorter one (axis 0 = rows).
        let exactIsRows = input.h <= input.w
        let a = StripAxis(spec: self, rows: exactIsRows, input: input, output: output)
        let b = StripAxis(spec: self, rows: !exactIsRows, input: input, output: output)
        let co = outChannelsPerGroup, ci = inChannelsPerGroup
        let rows = co * a.m, cols = ci * b.s * a.n
        guard rows <= Self.stripMatrixLimit, cols <= Self.stripMatrixLimit else { return nil }
        let N = EmbeddingGrid.size(input: b.n, padBegin: b.padBegin, padEnd: b.padEnd, kernel: b.k, dilation: b.d, stride: b.s)
        let svd = ComplexSVDWorkspace(rows: rows, cols: cols)
        let kh = kernel.h, kw = kernel.w
        return (0..<groups).map { g in
            var best = 0.0
            for v in 0...(N / 2) {
                let omega = 2 * Double.pi * Double(v) / Double(N)
                let m = svd.matrix.base
                m.update(repeating: 0, count: 2 * rows * cols)
                for tb in 0..<b.k {
                    let p = tb * b.d / b.s, r = tb * b.d % b.s
                    let (re, im) = (cos(Double(p) * omega), -sin(Double(p) * omega))
                    for ta in 0..<a.k {
                        let (ka, kb) = exactIsRows ? (ta, tb) : (tb, ta)
                        for t in 0..<a.m {
                            let q = t * a.s + ta * a.d - a.padBegin
                            guard q >= 0, q < a.n else { continue }
                            for o in 0..<co {
                                for c in 0..<ci {
                                    let w = weight[(((g * co + o) * ci + c) * kh + ka) * kw + kb]
                                    let index = (o * a.m + t) * cols + (c * b.s + r) * a.n + q
                                    m[2 * index] += w * re
                                    m[2 * index + 1] += w * im
                                }
                            }
                        }
                    }
                }
                svd.compute()
                best = Swift.max(best, svd.values.base[0])
            }
            return best
        }
    }
}

/// One axis of a layer's geometry for `ConvolutionSpec.groupStripBounds`: input and output extent, kernel,
/// stride, dilation and pads along it.
struct StripAxis {
    let n: Int, m: Int, k: Int, s: Int, d: Int, padBegin: Int, padEnd: Int

    init(spec: ConvolutionSpec, rows: Bool, input: Size2D, output: Size2D) {
        n = rows ? input.h : input.w
        m = rows ? output.h : output.w
        k = rows ? spec.kernel.h : spec.kernel.w
        s = rows ? spec.stride.h : spec.stride.w
        d = rows ? spec.dilation.h : spec.dilation.w
        padBegin = rows ? spec.pads.top : spec.pads.left
        padEnd = rows ? spec.pads.bottom : spec.pads.right
    }
}
