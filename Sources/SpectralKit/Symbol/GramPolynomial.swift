internal import CLAPACK

/// The Gram matrix of a block-diagonal symbol as a trigonometric polynomial with real matrix coefficients
/// (docs/asymptotic-certificate.md §5.1): for each block, on its smaller side,
///
///     G(ω) = Σ_δ A_δ · e^{−i⟨δ, ω⟩},    A_δ = Σ_τ K_τᵀ K_{τ+δ}  (cin ≤ cout)  or  Σ_τ K_{τ+δ} K_τᵀ,
///
/// over the offsets `δ ∈ [−(kh−1), kh−1] × [−(kw−1), kw−1]`, with `A_{−δ} = A_δᵀ`. Only `A_0` and the
/// half plane of offsets are stored, as the packed upper triangles of `S_δ = A_δ + A_δᵀ` and
/// `D_δ = A_δ − A_δᵀ`, so that `G = A_0 + Σ_{δ > 0} (S_δ cos⟨δ, ω⟩ − i·D_δ sin⟨δ, ω⟩)`.
///
/// Forming the coefficients costs about `T²·n²·m` flops once (`T` taps, Gram side `n`, other side `m`);
/// afterwards one point costs `O(T·n²)` instead of the `4·n²·m` of `zherk` on the symbol, so it pays when
/// many points of a large layer are evaluated. Thread-safe.
struct GramPolynomial: Sendable {
    let blocks: Int
    /// Gram side `n = min(cout, cin)`.
    let side: Int
    /// Offsets `δ = (d1[k], d2[k])`: `(0, 0)` first, then the half plane `d1 > 0 or (d1 = 0 and d2 > 0)`.
    private let d1: [Int], d2: [Int]
    /// Per block, per offset: `n(n + 1)/2` pairs `(S_δ[i, j], D_δ[i, j])` for `i ≤ j`, row by row.
    private let pairs: [Double]
    /// Safety margin on `‖F(ω)‖₂²` (§5.1).
    let squaredMargin: Double

    /// Bytes of the stored coefficients.
    static func memory(blocks: Int, outChannels: Int, inChannels: Int, taps: Size2D) -> Double {
        let n = Double(min(outChannels, inChannels))
        return Double(blocks * offsetCount(taps)) * n * (n + 1) * 8
    }

    /// Estimated flops of forming the coefficients.
    static func precomputeWork(blocks: Int, outChannels: Int, inChannels: Int, taps: Size2D) -> Double {
        let n = Double(min(outChannels, inChannels)), m = Double(max(outChannels, inChannels))
        let t = taps.h * taps.w
        return Double(blocks) * Double((t * t + t) / 2) * 2 * n * n * m
    }

    /// Estimated work of one point, in flops at the rate of `zherk` like `SpectralDensity.workPerPoint`:
    /// forming `G` (bound by reading the coefficients, `≈ 8×` its `2·offsets·n(n + 1)` operations) and the
    /// same eigenvalue enclosure as `SpectralDensity`.
    static func workPerPoint(blocks: Int, outChannels: Int, inChannels: Int, taps: Size2D) -> Double {
        let n = Double(min(outChannels, inChannels))
        return Double(blocks) * (16 * Double(offsetCount(taps)) * n * (n + 1) + SpectralDensity.eigenWork(side: n))
    }

    private static func offsetCount(_ taps: Size2D) -> Int { ((2 * taps.h - 1) * (2 * taps.w - 1) + 1) / 2 }

    /// - Parameters:
    ///   - kernels: the blocks, all of one shape (as for `SpectralDensity`).
    ///   - frobeniusBound: `B ≥ max_g Σ_τ ‖K_g,τ‖_F` (`SpectralDensity.frobeniusBound`).
    init(kernels: [StrideOneKernel], frobeniusBound: Double) {
        let k0 = kernels[0]
        let (co, ci, kh, kw) = (k0.outChannels, k0.inChannels, k0.size.h, k0.size.w)
        let t = kh * kw, e = co * ci, n = min(co, ci)
        blocks = kernels.count
        side = n
        var o1 = [0], o2 = [0]
        for a in 0..<kh {
            for b in -(kw - 1)..<kw where a > 0 || b > 0 {
                o1.append(a)
                o2.append(b)
            }
        }
        d1 = o1
        d2 = o2
        let offsets = o1.count
        let perOffset = n * (n + 1)
        var packed = [Double](repeating: 0, count: blocks * offsets * perOffset)
        var tapMatrices = [Double](repeating: 0, count: t * e)
        var a = [Double](repeating: 0, count: n * n)
        for (g, k) in kernels.enumerated() {
            // Tap-major copy: tap τ's cout × cin matrix is contiguous.
            for entry in 0..<e {
                for tap in 0..<t { tapMatrices[tap * e + entry] = k.values[entry * t + tap] }
            }
            for off in 0..<offsets {
                for i in 0..<(n * n) { a[i] = 0 }
                tapMatrices.withUnsafeBufferPointer { m in
                    a.withUnsafeMutableBufferPointer { ab in
                        for p in 0..<kh {
                            for q in 0..<kw {
                                let (p2, q2) = (p + o1[off], q + o2[off])
                                guard p2 >= 0 && p2 < kh && q2 >= 0 && q2 < kw else { continue }
                                let kt = m.baseAddress! + (p * kw + q) * e
                                let ks = m.baseAddress! + (p2 * kw + q2) * e
                                if ci <= co {  // A += K_τᵀ K_σ (cin × cin)
                                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(n), Int32(co),
                                                1, kt, Int32(ci), ks, Int32(ci), 1, ab.baseAddress!, Int32(n))
                                } else {  // A += K_σ K_τᵀ (cout × cout)
                                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(ci),
                                                1, ks, Int32(ci), kt, Int32(ci), 1, ab.baseAddress!, Int32(n))
                                }
                            }
                        }
                    }
                }
                var index = (g * offsets + off) * perOffset
                for i in 0..<n {
                    for j in i..<n {
                        if off == 0 {
                            packed[index] = a[i * n + j]
                            packed[index + 1] = 0
                        } else {
                            packed[index] = a[i * n + j] + a[j * n + i]
                            packed[index + 1] = a[i * n + j] - a[j * n + i]
                        }
                        index += 2
                    }
                }
            }
        }
        pairs = packed
        let u = Double.ulpOfOne / 2
        let terms = Double(t * max(co, ci) + 10 * (kh + kw) + 4 * t + 10 * n + 10)
        squaredMargin = 4 * terms * u * frobeniusBound * frobeniusBound
    }

    /// Writes the upper triangle of block `g`'s `G(ω)` (row-major `n × n`, interleaved) to `out`; the strict
    /// lower triangle is left as it was.
    func gram(at w: Frequency, block g: Int, into out: UnsafeMutablePointer<Double>) {
        let n = side, offsets = d1.count, perOffset = n * (n + 1)
        var coefficient = [Double](repeating: 0, count: 2 * offsets)
        for k in 0..<offsets {
            let theta = Double(d1[k]) * w.w1 + Double(d2[k]) * w.w2
            coefficient[2 * k] = k == 0 ? 1 : cosine(theta)
            coefficient[2 * k + 1] = k == 0 ? 0 : -sine(theta)
        }
        // (re, im) += (S, D) ⊙ (cos, −sin), one SIMD pair per entry.
        let weights = (0..<offsets).map { SIMD2(coefficient[2 * $0], coefficient[2 * $0 + 1]) }
        pairs.withUnsafeBytes { pb in
            let base = pb.baseAddress!.assumingMemoryBound(to: SIMD2<Double>.self) + g * offsets * perOffset / 2
            let target = UnsafeMutableRawPointer(out).assumingMemoryBound(to: SIMD2<Double>.self)
            for i in 0..<n {
                let row = target + i * n + i
                let count = n - i
                for x in 0..<count { row[x] = .zero }
                // Pairs of row i start after rows 0..<i: i·n − i(i − 1)/2 pairs.
                let start = i * n - i * (i - 1) / 2
                for k in 0..<offsets {
                    let src = base + k * perOffset / 2 + start
                    let w = weights[k]
                    for x in 0..<count { row[x] += src[x] * w }
                }
            }
        }
    }

    /// Enclosures of `max_g ‖F_g(ω)‖₂` at every point (all cores), with the margin `squaredMargin`; the same
    /// contract as `SpectralDensity.largestSingularValues(at:relativeWidth:threads:)` (results do not depend on
    /// `threads`).
    func largestSingularValues(
        at points: [Frequency], relativeWidth: Double = 0, threads: ThreadBudget = .allProcessors
    ) -> [NormInterval] {
        guard !points.isEmpty else { return [] }
        let n = side, margin = squaredMargin
        let parts = ParallelMap.map(count: points.count, threads: threads) { p in
            var scratch = [Double](repeating: 0, count: ComplexGramEigen.scratchCount(rows: n, cols: n))
            var best = NormInterval(exactly: 0)
            scratch.withUnsafeMutableBufferPointer { s in
                for g in 0..<blocks {
                    gram(at: points[p], block: g, into: s.baseAddress!)
                    let l = ComplexGramEigen.enclosure(gram: s.baseAddress!, n: n, relativeWidth: relativeWidth)
                    best = best.maximum(NormInterval.squareRootOf(enclosure: l, margin: margin))
                }
            }
            return best
        }
        return parts
    }
}
