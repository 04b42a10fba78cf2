import ONNXModel
import Testing
import TestSupport

@testable import Analysis

/// A dense layer's singular-value range in its weight statistics is taken from the figures' exact SVD when
/// there is one: it must be the very range the statistics' own SVD gives, bit for bit, and enclose the
/// oracle's singular values.
@Suite struct WeightStatisticsReuseTests {
    @Test(arguments: [
        ("Gemm", [Int64(6), 9], Float(1)), ("Gemm", [17, 5], -2.5), ("MatMul", [12, 12], 1), ("Gemm", [1, 7], 0.5),
    ])
    func theReusedRangeIsTheStatisticsOwnSVD(op: String, weight: [Int64], alpha: Float) throws {
        let attributes: [ONNXWriter.Attribute] = op == "Gemm" ? [.float("alpha", alpha)] : []
        let a = try AnalysisLimitsTests.analyze(
            op: op, input: [1, .value(weight[0])], weight: weight, attributes: attributes, options: AnalysisOptions(bounds: .fast))
        let layer = try #require(a.layers.first)
        let reused = try #require(layer.weightStatistics?.denseSingularValueRange)
        #expect(layer.figures.denseNorm.value?.singularValueRange == reused)

        let own = try #require(WeightStatistics.compute(
            layer.layer, overridable: [:], svd: true, limits: a.options.limits, knownSingularValues: nil))
        let computed = try #require(own.denseSingularValueRange)
        #expect(reused.lowerBound.bitPattern == computed.lowerBound.bitPattern)
        #expect(reused.upperBound.bitPattern == computed.upperBound.bitPattern)

        guard case .dense(let dense) = layer.layer, case .constant(let tensor) = dense.weights else {
            Issue.record("expected a dense layer with a constant weight")
            return
        }
        let rows = Int(weight[0]), cols = Int(weight[1])
        let oracle = DenseOperator.singularValues(DenseOperator.Matrix(values: try tensor.doubles(), rows: rows, cols: cols))
        let scale = Double(abs(alpha))
        let (top, bottom) = (try #require(oracle.first) * scale, try #require(oracle.last) * scale)
        #expect(abs(reused.upperBound - top) <= 1e-12 * top)
        #expect(abs(reused.lowerBound - bottom) <= 1e-12 * top)
    }

    /// FLOAT Conv weights are summed from `Float` values: the same norms, bit for bit, as from the values
    /// widened to `Double` first.
    @Test func floatConvNormsEqualTheDoublePath() {
        var random = SeededGenerator(seed: 77)
        for shape in [[5, 3, 3, 3], [7, 2, 1, 1], [1, 4, 5, 2], [3, 1, 7]] {
            let w = (0..<shape.reduce(1, *)).map { _ in Float(random.normal()) * 1e-3 }
            let fromFloats = WeightStatistics.convChannelNorms(w, shape: shape)
            let fromDoubles = WeightStatistics.convChannelNorms(
                w.map(Double.init), shape: shape, group: 1, transpose: false)
            #expect(fromFloats.count == shape[0])
            #expect(fromFloats.map(\.bitPattern) == fromDoubles.map(\.bitPattern))
        }
    }
}
