import Foundation

/// The spectral density `F(ω) = Σ_{p,q} K[:, :, p, q] · e^{-i(p·ω1 + q·ω2)}` of a stride-1 kernel sampled on
/// the DFT grid `ω = (2πu/N1, 2πv/N2)` (docs/spectral-methods §2–3): the 2-D DFT of every channel pair's
/// taps, zero-padded (or, when the kernel is larger than the grid, wrapped modulo the grid) to `N1 × N2`.
///
/// Computed as batched FFTW real-to-complex transforms of length `N2` over all `(pair, tap row)` rows,
/// followed, per frequency, by the short exact DFT over the `min(kh, N1)` tap rows. This is the 2-D DFT
/// exactly (no approximation) but holds only `kh·(N2/2+1)` instead of `N1·(N2/2+1)` complex values per channel
/// pair, which matters for wide layers (a 512×512 3×3 kernel: 63 MB instead of 190 MB at `N = 9`).
///
/// Conjugate symmetry of a real kernel (`F(−ω) = conj F(ω)`, same singular values) means only
/// `v ∈ 0...N2/2` is stored; `multiplicity(v:)` says how many grid points each stored column stands for.
/// Immutable after creation and safe to read from several threads.
public final class KernelSpectrum: @unchecked Sendable {
    public let outChannels: Int
    public let inChannels: Int
    /// `(N1, N2)`.
    public let grid: Size2D
    /// Number of stored frequency columns, `N2/2 + 1`.
    public let halfWidth: Int
    /// Tap rows after wrapping modulo `N1`.
    let tapRows: Int
    /// The stored frequency columns `v` (all of `0..<halfWidth` unless made for a part of the grid).
    let columns: Range<Int>
    /// `[p][v − columns.lowerBound][o·inChannels + i]` interleaved complex.
    private let rows: FFTWBuffer
    /// `(cos, sin)` of `2πj/N1`, interleaved.
    private let twiddle: [Double]

    /// - Precondition: grid sizes are positive.
    public convenience init(kernel: StrideOneKernel, grid: Size2D, plans: FFTPlanCache) {
        self.init(kernel: kernel, grid: grid, plans: plans, slabInputDoubles: Self.slabInputDoubles)
    }

    /// The same with slabs of at most `slabInputDoubles` of input (tests use small slabs), storing only the
    /// frequency columns `columns` (default all): the same values as the whole spectrum's, bit for bit, in
    /// `columns.count / halfWidth` of its memory (each slab's transforms go to a scratch buffer of the slab's
    /// size, from which the kept columns are copied).
    init(kernel: StrideOneKernel, grid: Size2D, plans: FFTPlanCache, slabInputDoubles: Int, columns: Range<Int>? = nil) {
        precondition(grid.h > 0 && grid.w > 0)
        let (n1, n2) = (grid.h, grid.w)
        outChannels = kernel.outChannels
        inChannels = kernel.inChannels
        self.grid = grid
        halfWidth = n2 / 2 + 1
        let kept = columns ?? 0..<(n2 / 2 + 1)
        precondition(!kept.isEmpty && kept.lowerBound >= 0 && kept.upperBound <= n2 / 2 + 1)
        self.columns = kept
        let tapRows = min(kernel.size.h, n1)
        self.tapRows = tapRows
        let pairs = kernel.outChannels * kernel.inChannels
        if kept.count < halfWidth {
            rows = Self.partialTransform(
                kernel: kernel, n1: n1, n2: n2, tapRows: tapRows, columns: kept, plans: plans,
                slabInputDoubles: slabInputDoubles)
            twiddle = Self.twiddle(n1)
            return
        }
        // The channel pairs are transformed a slab at a time (at most `slabInputDoubles` of input), so that
        // only the result is held in full: the whole input is as large as the result (a 512×2048 polyphase
        // kernel: 117 MB more at the peak otherwise).
        let output = FFTWBuffer(doubles: 2 * tapRows * halfWidth * pairs)
        Self.forEachSlab(kernel: kernel, n1: n1, n2: n2, tapRows: tapRows, plans: plans, limit: slabInputDoubles, outputBlocks: pairs) {
            pairs, plan, input in
            plan.executeR2C(input, output, outputOffset: pairs.lowerBound)
        }
        rows = output
        twiddle = Self.twiddle(n1)
    }

    /// Runs `body(pairs, plan, input)` for each slab of channel pairs (at most `limit` doubles of input) with
    /// the slab's tap rows in `input` and the `rowsR2C` plan that transforms them, writing to `outputBlocks`
    /// columns (the slab's own size when `nil`). The first slab is the largest, so a scratch output sized by
    /// its plan fits every slab.
    private static func forEachSlab(
        kernel: StrideOneKernel, n1: Int, n2: Int, tapRows: Int, plans: FFTPlanCache, limit: Int, outputBlocks: Int?,
        _ body: (Range<Int>, FFTPlan, FFTWBuffer) -> Void
    ) {
        let pairs = kernel.outChannels * kernel.inChannels
        let slab = Self.slab(pairs: pairs, rowDoubles: tapRows * n2, limit: limit)
        let columns = outputBlocks ?? slab
        let fullPlan = plans.plan(.rowsR2C(length: n2, rows: tapRows, blocks: slab, outputBlocks: columns))
        let rest = pairs % slab
        let restPlan = rest == 0 ? nil : plans.plan(.rowsR2C(length: n2, rows: tapRows, blocks: rest, outputBlocks: columns))
        let input = FFTWBuffer(doubles: fullPlan.inputDoubles)
        kernel.values.withUnsafeBufferPointer { k in
            for first in stride(from: 0, to: pairs, by: slab) {
                let count = min(slab, pairs - first)
                Self.fillSlab(input, from: k, kernel: kernel.size, pairs: first..<(first + count), n1: n1, n2: n2, tapRows: tapRows)
                body(first..<(first + count), count == slab ? fullPlan : restPlan!, input)
            }
        }
    }

    /// Writes the tap rows of the channel pairs `pairs` into `input` as `[p][pair − first][n2]`, each row's
    /// taps wrapped modulo the grid (zeros elsewhere).
    private static func fillSlab(
        _ input: FFTWBuffer, from k: UnsafeBufferPointer<Double>, kernel size: Size2D, pairs: Range<Int>, n1: Int, n2: Int,
        tapRows: Int
    ) {
        let (kh, kw, count) = (size.h, size.w, pairs.count)
        input.doubles.update(repeating: 0, count: tapRows * count * n2)
        for local in 0..<count {
            let pair = pairs.lowerBound + local
            for a in 0..<kh {
                let rowBase = ((a % n1) * count + local) * n2
                let src = (pair * kh + a) * kw
                for b in 0..<kw {
                    input.doubles[rowBase + b % n2] += k[src + b]
                }
            }
        }
    }

    /// `(cos, sin)` of `2πj/n1`, interleaved.
    private static func twiddle(_ n1: Int) -> [Double] {
        var t = [Double](repeating: 0, count: 2 * n1)
        for j in 0..<n1 {
            let theta = 2 * Double.pi * Double(j) / Double(n1)
            t[2 * j] = cos(theta)
            t[2 * j + 1] = sin(theta)
        }
        return t
    }

    /// The row transforms of every pair with only the columns `columns` kept: `[p][v − lo][pair]`.
    private static func partialTransform(
        kernel: StrideOneKernel, n1: Int, n2: Int, tapRows: Int, columns: Range<Int>, plans: FFTPlanCache,
        slabInputDoubles: Int
    ) -> FFTWBuffer {
        let pairs = kernel.outChannels * kernel.inChannels, half = n2 / 2 + 1, width = columns.count
        let kept = FFTWBuffer(doubles: 2 * tapRows * width * pairs)
        var output: FFTWBuffer?
        Self.forEachSlab(kernel: kernel, n1: n1, n2: n2, tapRows: tapRows, plans: plans, limit: slabInputDoubles, outputBlocks: nil) {
            slab, plan, input in
            guard case let .rowsR2C(_, _, _, blocks) = plan.kind else { preconditionFailure("not a rowsR2C plan") }
            let scratch = output ?? FFTWBuffer(doubles: plan.outputDoubles)
            output = scratch
            plan.executeR2C(input, scratch, outputOffset: 0)
            for p in 0..<tapRows {
                for v in columns {
                    (kept.doubles + 2 * ((p * width + v - columns.lowerBound) * pairs + slab.lowerBound))
                        .update(from: scratch.doubles + 2 * ((p * half + v) * blocks), count: 2 * slab.count)
                }
            }
        }
        return kept
    }

    /// Largest input of one slab of channel pairs, doubles (32 MB).
    static let slabInputDoubles = 1 << 22

    /// Channel pairs per slab: all of them when they fit `limit` doubles of input, else a multiple of
    /// `FFTPlan.slabAlignment` that does (at least one such multiple).
    static func slab(pairs: Int, rowDoubles: Int, limit: Int = slabInputDoubles) -> Int {
        let fitting = limit / max(1, rowDoubles)
        if fitting >= pairs { return pairs }
        return max(FFTPlan.slabAlignment, fitting / FFTPlan.slabAlignment * FFTPlan.slabAlignment)
    }

    /// How many grid points the stored column `v` represents: 2 when `0 < v < N2/2` (its mirror
    /// `(−u, N2 − v)` has conjugate `F`), else 1.
    public func multiplicity(v: Int) -> Int {
        (v == 0 || 2 * v == grid.w) ? 1 : 2
    }

    /// Writes `F(2πu/N1, 2πv/N2)` for a stored column `v < halfWidth` as a row-major
    /// `outChannels × inChannels` interleaved complex matrix (`2·outChannels·inChannels` doubles).
    func write(u: Int, v: Int, into out: UnsafeMutablePointer<Double>) {
        precondition(columns.contains(v), "column \(v) is not stored")
        let pairs = outChannels * inChannels
        let n1 = grid.h, width = columns.count, column = v - columns.lowerBound
        out.update(repeating: 0, count: 2 * pairs)
        twiddle.withUnsafeBufferPointer { tw in
            for p in 0..<tapRows {
                let j = (p * u) % n1
                let c = tw[2 * j], s = tw[2 * j + 1]
                let src = rows.doubles + 2 * ((p * width + column) * pairs)
                // e^{-iθ}·(re + i·im) = (c·re + s·im) + i(c·im − s·re)
                for k in 0..<pairs {
                    let re = src[2 * k], im = src[2 * k + 1]
                    out[2 * k] += c * re + s * im
                    out[2 * k + 1] += c * im - s * re
                }
            }
        }
    }

    /// `F(2πu/N1, 2πv/N2)` at any grid point, row-major interleaved complex (`2·outChannels·inChannels`).
    public func matrix(u: Int, v: Int) -> [Double] {
        precondition(u >= 0 && u < grid.h && v >= 0 && v < grid.w)
        var m = [Double](repeating: 0, count: 2 * outChannels * inChannels)
        if v < halfWidth {
            m.withUnsafeMutableBufferPointer { write(u: u, v: v, into: $0.baseAddress!) }
        } else {
            m.withUnsafeMutableBufferPointer { write(u: (grid.h - u) % grid.h, v: grid.w - v, into: $0.baseAddress!) }
            for k in stride(from: 1, to: m.count, by: 2) { m[k] = -m[k] }
        }
        return m
    }
}
