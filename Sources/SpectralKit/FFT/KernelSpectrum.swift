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
    /// `[p][v][o·inChannels + i]` interleaved complex.
    private let rows: FFTWBuffer
    /// `(cos, sin)` of `2πj/N1`, interleaved.
    private let twiddle: [Double]

    /// - Precondition: grid sizes are positive.
    public init(kernel: StrideOneKernel, grid: Size2D, plans: FFTPlanCache) {
        precondition(grid.h > 0 && grid.w > 0)
        let (n1, n2) = (grid.h, grid.w)
        outChannels = kernel.outChannels
        inChannels = kernel.inChannels
        self.grid = grid
        halfWidth = n2 / 2 + 1
        tapRows = min(kernel.size.h, n1)
        let pairs = outChannels * inChannels
        let plan = plans.plan(.rowsR2C(length: n2, rows: tapRows, blocks: pairs))
        let input = FFTWBuffer(doubles: plan.inputDoubles)
        let (kh, kw) = (kernel.size.h, kernel.size.w)
        kernel.values.withUnsafeBufferPointer { k in
            for pair in 0..<pairs {
                for a in 0..<kh {
                    let rowBase = ((a % n1) * pairs + pair) * n2
                    let src = (pair * kh + a) * kw
                    for b in 0..<kw {
                        input.doubles[rowBase + b % n2] += k[src + b]
                    }
                }
            }
        }
        rows = FFTWBuffer(doubles: plan.outputDoubles)
        plan.executeR2C(input, rows)
        var t = [Double](repeating: 0, count: 2 * n1)
        for j in 0..<n1 {
            let theta = 2 * Double.pi * Double(j) / Double(n1)
            t[2 * j] = cos(theta)
            t[2 * j + 1] = sin(theta)
        }
        twiddle = t
    }

    /// How many grid points the stored column `v` represents: 2 when `0 < v < N2/2` (its mirror
    /// `(−u, N2 − v)` has conjugate `F`), else 1.
    public func multiplicity(v: Int) -> Int {
        (v == 0 || 2 * v == grid.w) ? 1 : 2
    }

    /// Writes `F(2πu/N1, 2πv/N2)` for a stored column `v < halfWidth` as a row-major
    /// `outChannels × inChannels` interleaved complex matrix (`2·outChannels·inChannels` doubles).
    func write(u: Int, v: Int, into out: UnsafeMutablePointer<Double>) {
        let pairs = outChannels * inChannels
        let n1 = grid.h
        out.update(repeating: 0, count: 2 * pairs)
        twiddle.withUnsafeBufferPointer { tw in
            for p in 0..<tapRows {
                let j = (p * u) % n1
                let c = tw[2 * j], s = tw[2 * j + 1]
                let src = rows.doubles + 2 * ((p * halfWidth + v) * pairs)
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
