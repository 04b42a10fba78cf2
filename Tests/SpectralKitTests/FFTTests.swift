import Dispatch
import SpectralKit
import Testing
import TestSupport

@Suite struct FFTTests {
    @Test func realForwardMatchesBruteForceDFT() {
        var rng = SeededGenerator(seed: 11)
        let plans = FFTPlanCache()
        for (size, grid) in [(Size2D(3, 3), Size2D(6, 5)), (Size2D(2, 4), Size2D(7, 8)), (Size2D(5, 6), Size2D(4, 3))] {
            let batch = 3
            let data = rng.normals(batch * size.product)
            let fft = BatchedFFT2D.realForward(data, batch: batch, size: size, grid: grid, plans: plans)
            let half = grid.w / 2 + 1
            for b in 0..<batch {
                let one = Array(data[(b * size.product)..<((b + 1) * size.product)])
                let ref = BruteForceDFT.transform(real: one, rows: size.h, cols: size.w, grid: grid.h, grid.w)
                for u in 0..<grid.h {
                    for v in 0..<half {
                        let i = 2 * ((b * grid.h + u) * half + v), j = 2 * (u * grid.w + v)
                        #expect(abs(fft[i] - ref[j]) < 1e-12 && abs(fft[i + 1] - ref[j + 1]) < 1e-12, "\(size) on \(grid)")
                    }
                }
            }
        }
    }

    @Test func complexTransformsMatchBruteForceDFT() {
        var rng = SeededGenerator(seed: 12)
        let plans = FFTPlanCache()
        let size = Size2D(3, 4), grid = Size2D(5, 6), batch = 2
        let data = rng.normals(2 * batch * size.product)
        for forward in [true, false] {
            let fft = BatchedFFT2D.complex(data, batch: batch, size: size, grid: grid, forward: forward, plans: plans)
            for b in 0..<batch {
                let one = Array(data[(2 * b * size.product)..<(2 * (b + 1) * size.product)])
                let ref = BruteForceDFT.transform(one, rows: size.h, cols: size.w, grid: grid.h, grid.w, sign: forward ? -1 : 1)
                let got = Array(fft[(2 * b * grid.product)..<(2 * (b + 1) * grid.product)])
                #expect(maxDiff(got, ref) < 1e-12)
            }
        }
    }

    @Test func kernelSpectrumIsThe2DDFTOfEveryChannelPair() {
        var rng = SeededGenerator(seed: 13)
        let plans = FFTPlanCache()
        // Includes a kernel larger than the grid along one axis (taps wrap modulo the grid).
        for (co, ci, k, grid) in [(2, 3, Size2D(3, 3), Size2D(6, 7)), (3, 2, Size2D(4, 2), Size2D(5, 4)), (1, 2, Size2D(5, 3), Size2D(3, 4))] {
            let kernel = StrideOneKernel(outChannels: co, inChannels: ci, size: k, values: rng.normals(co * ci * k.product))
            let spectrum = KernelSpectrum(kernel: kernel, grid: grid, plans: plans)
            KernelSpectrumOracle.expectIsDFTOfEveryPair(spectrum, of: kernel, "one batch")
        }
    }

    @Test func planCacheReusesPlansAndIsThreadSafe() {
        var rng = SeededGenerator(seed: 14)
        let plans = FFTPlanCache()
        let kernel = StrideOneKernel(outChannels: 4, inChannels: 3, size: Size2D(3, 3), values: rng.normals(108))
        let reference = KernelSpectrum(kernel: kernel, grid: Size2D(9, 10), plans: plans).matrix(u: 2, v: 3)
        let before = plans.count
        let results = ResultBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            results.set(i, KernelSpectrum(kernel: kernel, grid: Size2D(9, 10), plans: plans).matrix(u: 2, v: 3))
        }
        #expect(plans.count == before)
        for r in results.all { #expect(r == reference) }
    }
}

/// Results written by concurrent test workers.
final class ResultBox: @unchecked Sendable {
    private var items: [[Double]]
    private let lock = NSLockLike()
    init(count: Int) { items = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Double]) { lock.run { items[i] = v } }
    var all: [[Double]] { lock.run { items } }
}

import Foundation
/// A tiny lock wrapper for test code.
final class NSLockLike: @unchecked Sendable {
    private let lock = NSLock()
    func run<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }
}
