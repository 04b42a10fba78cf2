import SpectralKit
import Testing
import TestSupport

@Suite struct EmbeddingTests {
    @Test func embeddingIsAnUpperBoundAtSeveralSizes() throws {
        let plans = FFTPlanCache()
        for c in oracleCases(seed: 500) {
            for extra in [0, 1, 3] {
                let n = (c.input.0 + extra, c.input.1 + 2 * extra)
                let dense = DenseOperator.norm(DenseOperator.conv(c.def, input: n.0, n.1))
                let fig = try c.def.spec.embeddingBound(input: Size2D(n.0, n.1), plans: plans)
                #expect(fig.upper >= dense * (1 - 1e-12), "\(c) at \(n): \(fig.upper) < \(dense)")
                // Never a larger grid than the docs' formula.
                let spec = c.def.spec, ke = spec.effectiveKernel
                let docs1 = (n.0 + spec.pads.top + spec.pads.bottom + spec.stride.h - 1) / spec.stride.h + (ke.h + spec.stride.h - 1) / spec.stride.h - 1
                let docs2 = (n.1 + spec.pads.left + spec.pads.right + spec.stride.w - 1) / spec.stride.w + (ke.w + spec.stride.w - 1) / spec.stride.w - 1
                #expect(fig.grid.h <= docs1 && fig.grid.w <= docs2, "\(c): grid \(fig.grid)")
            }
        }
    }

    @Test func validConvolutionNeedsNoExtraGrid() throws {
        let def = DenseOperatorKernels.randomConv(cout: 2, cin: 2, kernel: (3, 3), seed: 3)
        let fig = try def.spec.embeddingBound(input: Size2D(10, 9), plans: FFTPlanCache())
        #expect(fig.grid == Size2D(10, 9))
        let same = DenseOperatorKernels.randomConv(cout: 2, cin: 2, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 3)
        // "Same" padding: the reads beyond both borders may share one zero slot, so N = n + 1 < n + k − 1.
        #expect(try same.spec.embeddingBound(input: Size2D(10, 9), plans: FFTPlanCache()).grid == Size2D(11, 10))
    }

    @Test func denseNormApproachesTheEmbeddingFromBelow() throws {
        let def = DenseOperatorKernels.randomConv(cout: 2, cin: 2, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 21)
        let plans = FFTPlanCache()
        var gaps: [Double] = []
        for n in [3, 6, 12, 20] {
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: n, n))
            let upper = try def.spec.embeddingBound(input: Size2D(n, n), plans: plans).upper
            #expect(dense <= upper * (1 + 1e-12))
            gaps.append((upper - dense) / upper)
        }
        #expect(gaps.last! < gaps.first!, "relative gaps \(gaps)")
        #expect(gaps.last! < 0.03, "relative gaps \(gaps)")
    }

    @Test(.enabled(if: heavyTests, "the large sweep runs with LIPLINT_HEAVY_TESTS=1 (make test)")) func heavyRandomizedEmbeddingSweep() throws {
        var rng = SeededGenerator(seed: 999)
        let plans = FFTPlanCache()
        for trial in 0..<400 {
            let k = (Int.random(in: 1...5, using: &rng), Int.random(in: 1...5, using: &rng))
            let s = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let d = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...2, using: &rng))
            let p = (Int.random(in: 0...4, using: &rng), Int.random(in: 0...4, using: &rng), Int.random(in: 0...4, using: &rng), Int.random(in: 0...4, using: &rng))
            let n = (Int.random(in: 2...12, using: &rng), Int.random(in: 2...12, using: &rng))
            let def = DenseOperatorKernels.randomConv(cout: Int.random(in: 1...3, using: &rng), cin: Int.random(in: 1...3, using: &rng), kernel: k, strides: s, dilations: d, pads: p, seed: UInt64(trial))
            guard def.convOutputSize(n.0, n.1) != nil else { continue }
            let dense = DenseOperator.norm(DenseOperator.conv(def, input: n.0, n.1))
            let fig = try def.spec.embeddingBound(input: Size2D(n.0, n.1), plans: plans)
            #expect(fig.upper >= dense * (1 - 1e-12), "\(def) at \(n): \(fig.upper) < \(dense), grid \(fig.grid)")
        }
    }
}
