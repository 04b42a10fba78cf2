internal import CLAPACK

/// The spectral density (symbol) of one or more stride-1 kernels of the same shape, taken together as the
/// block-diagonal symbol `diag(F_1(ω), …, F_G(ω))` (the groups of a layer, docs/spectral-methods §1), with
///
///     F_g(ω) = Σ_{p,q} K_g[:, :, p, q] · e^{-i((p − c1)·ω1 + (q − c2)·ω2)}
///
/// for a real centring shift `c = (c1, c2)`. A real shift multiplies `F_g(ω)` by the unit-modulus scalar
/// `e^{i⟨c, ω⟩}`, so singular values do not depend on it; centring makes `F` vary as slowly as possible in
/// `ω`, which the certificates of `AsymptoticBound` exploit.
///
/// Evaluation is a matrix product: the `P × T` phase matrix of `P` points and `T = kh·kw` taps times the
/// `T × (G·cout·cin)` tap matrix (BLAS `zgemm`), which for small kernels is as fast as an FFT and works at
/// arbitrary points. Thread-safe; evaluations of many points run on all cores.
public struct SpectralDensity: Sendable {
    /// Number of diagonal blocks (groups).
    public let blocks: Int
    /// Rows of each block.
    public let outChannels: Int
    /// Columns of each block.
    public let inChannels: Int
    /// Tap grid extent of each block's kernel.
    public let taps: Size2D
    /// The centring shift `(c1, c2)` in taps.
    public let centre: (h: Double, w: Double)
    /// `T × (G·cout·cin)` complex, interleaved.
    private let complexTaps: [Double]
    /// `max_g Σ_τ ‖K_g,τ‖_F`: a bound on `‖F_g(ω)‖_F` for every `ω` and block.
    let frobeniusBound: Double

    /// - Parameters:
    ///   - kernels: at least one kernel; all of the same shape.
    ///   - centre: the centring shift in taps; `nil` (default) picks the tap-norm-weighted mean position,
    ///     which minimizes `Σ_τ (p_τ − c1)²·‖K_τ‖` (and likewise for `c2`).
    public init(kernels: [StrideOneKernel], centre: (h: Double, w: Double)? = nil) {
        precondition(!kernels.isEmpty)
        let k0 = kernels[0]
        for k in kernels {
            precondition(k.outChannels == k0.outChannels && k.inChannels == k0.inChannels && k.size == k0.size)
        }
        blocks = kernels.count
        outChannels = k0.outChannels
        inChannels = k0.inChannels
        taps = k0.size
        let (kh, kw) = (taps.h, taps.w)
        let t = kh * kw, e = outChannels * inChannels
        // Per-tap Frobenius norms, summed over blocks for the centre, maximized over blocks for the bound.
        // One contiguous pass over each kernel (entry-major, tap-minor); each tap's sum still runs in entry
        // order, so the values are those of a tap-by-tap loop.
        var weight = [Double](repeating: 0, count: t)
        var bound = 0.0
        var f2 = [Double](repeating: 0, count: t)
        for k in kernels {
            for tap in 0..<t { f2[tap] = 0 }
            k.values.withUnsafeBufferPointer { values in
                f2.withUnsafeMutableBufferPointer { f in
                    for entry in 0..<e {
                        let row = values.baseAddress! + entry * t
                        for tap in 0..<t { f[tap] += row[tap] * row[tap] }
                    }
                }
            }
            var sum = 0.0
            for tap in 0..<t {
                weight[tap] += f2[tap].squareRoot()
                sum += f2[tap].squareRoot()
            }
            bound = max(bound, sum)
        }
        frobeniusBound = bound
        if let centre {
            self.centre = centre
        } else {
            var (s, s1, s2) = (0.0, 0.0, 0.0)
            for p in 0..<kh {
                for q in 0..<kw {
                    let w = weight[p * kw + q]
                    s += w
                    s1 += w * Double(p)
                    s2 += w * Double(q)
                }
            }
            self.centre = s > 0 ? (s1 / s, s2 / s) : (Double(kh - 1) / 2, Double(kw - 1) / 2)
        }
        // The transpose (entry, tap) → (tap, entry) in blocks of entries: reads and writes both stay in cache.
        var c = [Double](repeating: 0, count: 2 * t * blocks * e)
        let n = blocks * e, block = 256
        c.withUnsafeMutableBufferPointer { cb in
            let out = cb.baseAddress!
            for (g, k) in kernels.enumerated() {
                k.values.withUnsafeBufferPointer { values in
                    let v = values.baseAddress!
                    for first in stride(from: 0, to: e, by: block) {
                        let last = min(e, first + block)
                        for tap in 0..<t {
                            let column = out + 2 * (tap * n + g * e)
                            for entry in first..<last { column[2 * entry] = v[entry * t + tap] }
                        }
                    }
                }
            }
        }
        complexTaps = c
    }

    /// The symbol of a single kernel.
    public init(kernel: StrideOneKernel, centre: (h: Double, w: Double)? = nil) {
        self.init(kernels: [kernel], centre: centre)
    }

    /// Number of doubles of one point's evaluation: `2·G·cout·cin`.
    public var valuesPerPoint: Int { 2 * blocks * outChannels * inChannels }

    /// `F_g(ω)` at every point, as `points.count × G` row-major `cout × cin` complex matrices, interleaved
    /// `(re, im)`: point-major, then block, then row. Count `points.count · valuesPerPoint`.
    public func evaluate(at points: [Frequency]) -> [Double] {
        var out = [Double](repeating: 0, count: points.count * valuesPerPoint)
        guard !points.isEmpty else { return out }
        out.withUnsafeMutableBufferPointer { evaluate(points[...], into: $0.baseAddress!) }
        return out
    }

    /// Writes the evaluation of `points` to `out` (`points.count · valuesPerPoint` doubles).
    func evaluate(_ points: ArraySlice<Frequency>, into out: UnsafeMutablePointer<Double>) {
        let (kh, kw) = (taps.h, taps.w)
        let t = kh * kw, n = blocks * outChannels * inChannels
        var phases = [Double](repeating: 0, count: 2 * points.count * t)
        for (row, w) in points.enumerated() {
            for p in 0..<kh {
                for q in 0..<kw {
                    let theta = (Double(p) - centre.h) * w.w1 + (Double(q) - centre.w) * w.w2
                    phases[2 * (row * t + p * kw + q)] = cosine(theta)
                    phases[2 * (row * t + p * kw + q) + 1] = -sine(theta)
                }
            }
        }
        let one: [Double] = [1, 0], zero: [Double] = [0, 0]
        cblas_zgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(points.count), Int32(n), Int32(t),
            one, phases, Int32(t), complexTaps, Int32(n), zero, out, Int32(n))
    }

    /// Enclosures of `‖diag_g F_g(ω)‖₂ = max_g ‖F_g(ω)‖₂` at every point, on up to `threads` threads (the
    /// values do not depend on it).
    ///
    /// Guarantee: `lower ≤ ‖F(ω)‖₂ ≤ upper` up to a safety margin on `‖F‖₂²` of
    /// `4·(T + c_max + 10·c_min + 10)·u·B²` (`u` the unit roundoff, `B = Σ_τ ‖K_τ‖_F ≥ ‖F(ω)‖_F`), which
    /// covers the rounding of the phases and the product (`≤ (2T + 4)·u·B` on `F`), of the Gram matrix and of
    /// the Hermitian eigensolver (first-order bounds with a factor-2 cushion).
    ///
    /// With `relativeWidth > 0`, blocks with `min(cout, cin) ≥ 16` may return intervals up to that wide
    /// (relative, on `‖F‖₂²`) from a cheaper certified method (Lanczos lower bound, Cholesky upper bound;
    /// `ComplexGramEigen`); with 0 (the default) both ends come from the eigensolver.
    ///
    /// With `tightOnlyNearMaximum` (and `relativeWidth > 0`), large blocks (`min(cout, cin) ≥ 160`) are first
    /// enclosed in single precision (`SinglePrecisionGramEnclosure`: a tight lower end, an upper end wider by up
    /// to about `10⁻²` relative); every point whose upper end then exceeds the largest lower end of the whole
    /// batch is enclosed again as without the option (starting from the single-precision lower end). So every
    /// returned interval is certified, the largest upper end and the largest lower end over the batch are as
    /// tight as without the option, and every other point's upper end is at most the batch's largest lower
    /// end. For callers that use nothing else of the batch (the initial grid of an `asymptotic` search that
    /// cannot refine). Results do not depend on `threads`.
    public func largestSingularValues(
        at points: [Frequency], relativeWidth: Double = 0, tightOnlyNearMaximum: Bool = false,
        threads: ThreadBudget = .allProcessors
    ) -> [NormInterval] {
        guard !points.isEmpty else { return [] }
        let ranges = pointChunks(count: points.count)
        let single = tightOnlyNearMaximum && relativeWidth > 0
            && min(outChannels, inChannels) >= ComplexGramEigen.iterativeThreshold
        let parts = ParallelMap.map(count: ranges.count, threads: threads) { c in
            self.norms(points[ranges[c]], relativeWidth: relativeWidth, single: single)
        }
        var result = parts.flatMap { $0 }
        guard single else { return result.map(\.interval) }
        // Points that could carry the batch's largest upper end: enclose them in double precision.
        let top = result.map(\.interval.lower).max() ?? 0
        let redo = result.indices.filter { result[$0].loose && result[$0].interval.upper > top }
        let lowers = redo.map { result[$0].lowers }
        let again = ParallelMap.map(count: redo.count, threads: threads) { r in
            let i = redo[r]
            return self.norms(points[i...i], relativeWidth: relativeWidth, single: false, knownLowers: lowers[r])[0]
        }
        for (r, i) in redo.enumerated() { result[i] = again[r] }
        return result.map(\.interval)
    }

    /// The point ranges a batch of `count` points is evaluated in: chunks of at most ~8 MB of symbol values
    /// (2²⁰ doubles), and about eight of them when there are enough points, to keep every core busy. They
    /// depend only on `count`, not on the thread count, so the results do not either.
    func pointChunks(count: Int) -> [Range<Int>] {
        let byMemory = max(1, (1 << 20) / valuesPerPoint)
        let chunk = max(1, min(byMemory, (count + 7) / 8))
        return stride(from: 0, to: count, by: chunk).map { $0..<min(count, $0 + chunk) }
    }

    /// The squared-norm margin of `largestSingularValues`.
    var squaredMargin: Double {
        let t = taps.h * taps.w
        let cmin = min(outChannels, inChannels), cmax = max(outChannels, inChannels)
        let u = Double.ulpOfOne / 2
        return 4 * Double(t + cmax + 10 * cmin + 10) * u * frobeniusBound * frobeniusBound
    }

    /// Estimated work of one point, in flops at the rate of `zherk` (the calibration reference,
    /// docs/asymptotic-certificate.md §7.1): the symbol product, the Gram matrix, and the eigenvalue
    /// enclosure. Calibrated against single-thread CPU time, not counted operations: the symbol product of a
    /// few points is bound by reading the taps (`≈ 4×` its operation count), Lanczos + Cholesky (large
    /// blocks, `relativeWidth > 0`) cost about `3n³` and `zheevr` about `10n³` at that rate. An estimate.
    var workPerPoint: Double {
        Self.workPerPoint(blocks: blocks, outChannels: outChannels, inChannels: inChannels, taps: taps.h * taps.w)
    }

    /// `workPerPoint` of a density with `blocks` blocks of `outChannels × inChannels` and `taps` taps, from the
    /// geometry alone (for estimates made before any kernel is built, such as a layer's working memory).
    public static func workPerPoint(blocks: Int, outChannels: Int, inChannels: Int, taps: Int) -> Double {
        let cmin = Double(min(outChannels, inChannels)), cmax = Double(max(outChannels, inChannels))
        let t = Double(taps)
        let perBlock = 32 * t * cmin * cmax + (cmin > 1 ? 4 * cmin * cmin * cmax + eigenWork(side: cmin) : 0)
        return Double(blocks) * perBlock
    }

    /// Calibrated work (flops at the rate of `zherk`) of the eigenvalue enclosure of one `n × n` Gram matrix
    /// during the search: Lanczos + Cholesky from `ComplexGramEigen.iterativeThreshold` on, else `zheevr`.
    static func eigenWork(side n: Double) -> Double {
        n >= Double(ComplexGramEigen.iterativeThreshold) ? 3 * n * n * n : 10 * n * n * n
    }

    /// One point's enclosure, the squared lower ends of its blocks (on the computed `‖F_g‖₂²`), and whether
    /// a block's upper end came from the single-precision path.
    private struct PointNorm {
        var interval: NormInterval
        var lowers: [Double]
        var loose: Bool
    }

    /// Enclosures at `points`; with `single`, large blocks go through `SinglePrecisionGramEnclosure` first
    /// (falling back to the double-precision path when it declines). `knownLowers` (one per block): certified
    /// squared lower ends found earlier, handed to the Cholesky test (`ComplexGramEigen`).
    private func norms(
        _ points: ArraySlice<Frequency>, relativeWidth: Double, single: Bool, knownLowers: [Double] = []
    ) -> [PointNorm] {
        let perPoint = valuesPerPoint, e = outChannels * inChannels
        let margin = squaredMargin
        var values = [Double](repeating: 0, count: points.count * perPoint)
        var scratch = [Double](repeating: 0, count: single ? 0 : ComplexGramEigen.scratchCount(rows: outChannels, cols: inChannels))
        var result = [PointNorm]()
        result.reserveCapacity(points.count)
        values.withUnsafeMutableBufferPointer { v in
            evaluate(points, into: v.baseAddress!)
            for row in 0..<points.count {
                var point = PointNorm(interval: NormInterval(exactly: 0), lowers: [], loose: false)
                for g in 0..<blocks {
                    let f = UnsafePointer(v.baseAddress! + row * perPoint + 2 * g * e)
                    var l: (lower: Double, upper: Double)
                    if single, let fromSingle = SinglePrecisionGramEnclosure.squaredNorm(
                        f, rows: outChannels, cols: inChannels, shiftWidth: max(relativeWidth, 1e-3)) {
                        l = fromSingle
                        point.loose = true
                    } else {
                        if scratch.isEmpty {
                            scratch = [Double](repeating: 0, count: ComplexGramEigen.scratchCount(rows: outChannels, cols: inChannels))
                        }
                        l = scratch.withUnsafeMutableBufferPointer { s in
                            ComplexGramEigen.squaredNormEnclosure(
                                f, rows: outChannels, cols: inChannels, scratch: s.baseAddress!,
                                relativeWidth: relativeWidth, knownLower: g < knownLowers.count ? knownLowers[g] : 0)
                        }
                    }
                    point.lowers.append(l.lower)
                    point.interval = point.interval.maximum(NormInterval.squareRootOf(enclosure: l, margin: margin))
                }
                result.append(point)
            }
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func cosine(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func sine(_ x: Double) -> Double { Glibc.sin(x) }
#else
import Foundation
@inline(__always) func cosine(_ x: Double) -> Double { Foundation.cos(x) }
@inline(__always) func sine(_ x: Double) -> Double { Foundation.sin(x) }
#endif
