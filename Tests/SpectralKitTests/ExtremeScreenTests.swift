import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// The screened extremes (`SymbolSampler.extremeSingularValues`, used by `embedding` and by `circulant`
/// without `--singular-values`) against the SVD at every frequency, and the Cholesky test behind them against
/// a dense real SVD.
@Suite struct ExtremeScreenTests {
    /// Random kernels of the shapes the screen meets: square, wide (stride-2 polyphase), tall, several tap sizes.
    static func kernels(seed: UInt64) -> [StrideOneKernel] {
        var rng = SeededGenerator(seed: seed)
        let shapes: [(Int, Int, Int, Int)] = [(6, 6, 3, 3), (5, 20, 2, 2), (18, 4, 3, 2), (12, 12, 1, 3), (7, 9, 5, 5)]
        return shapes.map { co, ci, kh, kw in
            StrideOneKernel(outChannels: co, inChannels: ci, size: Size2D(kh, kw), values: rng.normals(co * ci * kh * kw))
        }
    }

    @Test(arguments: [Size2D(9, 9), Size2D(16, 12), Size2D(3, 20)])
    func extremesEqualTheFullSpectrumBitForBit(grid: Size2D) {
        let plans = FFTPlanCache()
        for (i, kernel) in Self.kernels(seed: 700 + UInt64(grid.product)).enumerated() {
            for threads in [ThreadBudget.serial, ThreadBudget(threads: 2)] {
                let sampler = SymbolSampler(kernel: kernel, grid: grid, plans: plans, threads: threads)
                let all = sampler.allSingularValues()
                let screened = sampler.extremeSingularValues(includeMin: true)
                #expect(screened.max == all.max(), "kernel \(i) grid \(grid) threads \(threads.threads)")
                #expect(screened.min == all.min(), "kernel \(i) grid \(grid) threads \(threads.threads)")
                #expect(sampler.maxSingularValue() == all.max())
                // One frequency column at a time, in small slabs.
                let columns = sampler.extremeSingularValues(includeMin: true, spectrumBytes: 1, slabInputDoubles: 40)
                #expect(columns.max == all.max() && columns.min == all.min(), "kernel \(i) grid \(grid) by columns")
            }
        }
    }

    @Test func circulantWithoutValuesMatchesTheFullSpectrumOnTheOracleCases() throws {
        let plans = FFTPlanCache()
        var checked = 0
        for c in oracleCases(seed: 710) {
            let (s1, s2) = c.def.strides
            let n = Size2D(max(2 * s1, c.input.0 / s1 * s1), max(2 * s2, c.input.1 / s2 * s2))
            let full = try c.def.spec.circulantSpectrum(input: n, plans: plans, includeValues: true)
            let extremes = try c.def.spec.circulantSpectrum(input: n, plans: plans)
            #expect(extremes.max == full.max, "\(c)")
            #expect(extremes.min == full.min, "\(c)")
            #expect(extremes.singularValues == nil)
            checked += 1
        }
        #expect(checked == oracleCases().count)
    }

    /// The point of the screen: on a grid of hundreds of frequencies only a few need an SVD.
    @Test func fewFrequenciesNeedAnSVD() {
        var rng = SeededGenerator(seed: 720)
        let kernel = StrideOneKernel(outChannels: 16, inChannels: 16, size: Size2D(3, 3), values: rng.normals(16 * 16 * 9))
        let sampler = SymbolSampler(kernel: kernel, grid: Size2D(32, 32), plans: FFTPlanCache(), threads: .serial)
        let e = sampler.extremeSingularValues(includeMin: true)
        // 32·17 = 544 stored frequencies; a random order meets about ln 544 ≈ 6 new extremes of each kind.
        #expect(e.decompositions <= 40, "\(e.decompositions) SVDs")
    }

    /// A hint changes which frequency is decomposed first, never the extremes: every grid point of small
    /// grids as the hint (and points off the grid, negative, or not finite), serial and on two threads, whole
    /// and by columns, against the SVD at every frequency. With the hint at the maximizer and only the maximum
    /// wanted, the SVDs are those of the stored points whose top value ties with the maximum (oracle: an SVD at
    /// every stored point; ties come from symmetric columns and from kernels with one tap row), and over all
    /// kernels fewer than without a hint.
    @Test(arguments: [Size2D(5, 6), Size2D(4, 9)])
    func hintsChangeTheWorkNotTheExtremes(grid: Size2D) {
        let plans = FFTPlanCache()
        var (withoutHint, atBestHint) = (0, 0)
        for (i, kernel) in Self.kernels(seed: 740 + UInt64(grid.product)).enumerated() {
            let plain = SymbolSampler(kernel: kernel, grid: grid, plans: plans, threads: .serial)
            let all = plain.allSingularValues()
            let spectrum = KernelSpectrum(kernel: kernel, grid: grid, plans: plans)
            var matrix = [Double](repeating: 0, count: 2 * kernel.outChannels * kernel.inChannels)
            var tops: [Double] = []
            for u in 0..<grid.h {
                for v in 0..<spectrum.halfWidth {
                    matrix.withUnsafeMutableBufferPointer { spectrum.write(u: u, v: v, into: $0.baseAddress!) }
                    tops.append(DenseSVD.singularValues(complex: matrix, rows: kernel.outChannels, cols: kernel.inChannels)[0])
                }
            }
            let top = tops.max() ?? 0
            let ties = tops.filter { $0 >= top * (1 - 1e-6) }.count
            var hints = (0..<grid.h).flatMap { u in (0..<grid.w).map { v in Frequency.dftGrid(u, v, size: grid) } }
            hints += [Frequency(-0.3, 2.9), Frequency(17.5, -40.25), Frequency(.nan, 1), Frequency(.infinity, 0)]
            var fewest = Int.max
            for hint in hints {
                for threads in [ThreadBudget.serial, ThreadBudget(threads: 2)] {
                    var hinted = SymbolSampler(kernel: kernel, grid: grid, plans: plans, threads: threads)
                    hinted.hint = hint
                    let e = hinted.extremeSingularValues(includeMin: true)
                    #expect(e.max == all.max() && e.min == all.min(), "kernel \(i) grid \(grid) hint \(hint)")
                    let columns = hinted.extremeSingularValues(includeMin: true, spectrumBytes: 1, slabInputDoubles: 40)
                    #expect(columns.max == all.max() && columns.min == all.min(), "kernel \(i) hint \(hint) by columns")
                    let top = hinted.extremeSingularValues(includeMin: false)
                    #expect(top.max == all.max(), "kernel \(i) grid \(grid) hint \(hint)")
                    if threads.threads == 1 { fewest = min(fewest, top.decompositions) }
                }
            }
            #expect(fewest >= 1 && fewest <= ties, "kernel \(i) grid \(grid): \(fewest) SVDs at the best hint, \(ties) ties")
            withoutHint += plain.extremeSingularValues(includeMin: false).decompositions
            atBestHint += fewest
        }
        #expect(atBestHint < withoutHint, "\(atBestHint) SVDs at the best hints, \(withoutHint) without")
    }

    @Test func hintMapsToTheNearestStoredGridPoint() throws {
        let grid = Size2D(8, 6)
        // Stored columns are v ≤ 3; a point past them maps to its mirror image −ω.
        let a = try #require(SymbolSampler.gridPoint(nearest: Frequency.dftGrid(2, 1, size: grid), grid: grid))
        #expect(a.u == 2 && a.v == 1)
        let b = try #require(SymbolSampler.gridPoint(nearest: Frequency.dftGrid(3, 5, size: grid), grid: grid))
        #expect(b.u == 5 && b.v == 1)
        let c = try #require(SymbolSampler.gridPoint(nearest: Frequency(-2 * Double.pi / 8 * 1.2, 2 * Double.pi * 0.9), grid: grid))
        #expect(c.u == 1 && c.v == 1)
        #expect(SymbolSampler.gridPoint(nearest: Frequency(.nan, 0), grid: grid) == nil)
    }

    @Test func scrambledOrderIsAPermutation() {
        for count in 0...150 {
            let order = ScrambledOrder(count: count)
            #expect(Set((0..<count).map { order[$0] }) == Set(0..<count), "count \(count)")
        }
    }

    /// `σ²` thresholds just outside the spectrum are proved, just inside are not (oracle: the real `2m × 2n`
    /// form `[[Re, −Im], [Im, Re]]` of the matrix, whose singular values are those of `F`, each twice).
    @Test(arguments: [(7, 7), (5, 13), (13, 5), (1, 6), (40, 40)])
    func choleskyTestAgreesWithADenseSVD(rows: Int, cols: Int) {
        var rng = SeededGenerator(seed: UInt64(730 + rows * 100 + cols))
        let f = rng.normals(2 * rows * cols)
        let sigma = DenseOperator.singularValues(ComplexRealEmbedding.matrix(complex: f, rows: rows, cols: cols))
        let top = sigma[0] * sigma[0]
        let bottom = sigma[2 * min(rows, cols) - 1] * sigma[2 * min(rows, cols) - 1]
        let test = GramEigenvalueTest(rows: rows, cols: cols)
        f.withUnsafeBufferPointer { test.formGram(from: $0.baseAddress!) }
        #expect(abs(test.trace - f.reduce(0) { $0 + $1 * $1 }) <= 1e-12 * test.trace)
        #expect(test.roundingAllowance < 1e-9 * top)
        #expect(test.provesAllBelow(top * (1 + 1e-6)))
        #expect(!test.provesAllBelow(top * (1 - 1e-6)))
        #expect(test.provesAllAbove(bottom * (1 - 1e-6)))
        #expect(!test.provesAllAbove(bottom * (1 + 1e-6)))
        #expect(!test.provesAllBelow(.infinity) && !test.provesAllBelow(0))
    }
}
