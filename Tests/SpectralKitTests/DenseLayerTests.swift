import SpectralKit
import Testing
import TestSupport

@Suite struct DenseLayerTests {
    @Test func smallLayerIsExactWithAlpha() {
        var rng = SeededGenerator(seed: 51)
        let w = rng.normals(30 * 20)
        let truth = DenseOperator.norm(DenseOperator.Matrix(values: w, rows: 30, cols: 20))
        let fig = DenseLayerFigure.compute(weight: w, rows: 30, cols: 20, alpha: -0.5)
        #expect(fig.kind == .exact)
        #expect(abs(fig.value - 0.5 * truth) <= 1e-13 * truth)
    }

    @Test func largePathGivesLowerEstimateAndUpperThatBracketTheNorm() {
        var rng = SeededGenerator(seed: 52)
        for (rows, cols) in [(300, 200), (150, 420)] {
            let w = rng.normals(rows * cols)
            let truth = DenseOperator.norm(DenseOperator.Matrix(values: w, rows: rows, cols: cols))
            // A low threshold forces the large-layer path on a matrix the oracle can still decompose.
            let fig = DenseLayerFigure.compute(weight: w, rows: rows, cols: cols, alpha: 2, threshold: 100)
            #expect(fig.kind == .estimate)
            #expect(abs(fig.value - 2 * truth) <= 1e-6 * 2 * truth)
            #expect(fig.lower <= 2 * truth * (1 + 1e-12) && fig.lower >= 2 * truth * (1 - 1e-6))
            #expect(fig.upper >= 2 * truth * (1 - 1e-12))
        }
    }

    @Test func gramIterationIsAnUpperBoundThatTightens() {
        var rng = SeededGenerator(seed: 53)
        let w = rng.normals(40 * 25)
        let truth = DenseOperator.norm(DenseOperator.Matrix(values: w, rows: 40, cols: 25))
        var previous = Double.infinity
        for t in 0...6 {
            let b = MatrixGramIteration.upperBound(weight: w, rows: 40, cols: 25, steps: t)
            #expect(b >= truth * (1 - 1e-12), "t = \(t)")
            #expect(b <= previous * (1 + 1e-12), "t = \(t)")
            previous = b
        }
        #expect(previous <= truth * 1.01)
    }
}
