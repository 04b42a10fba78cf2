import Foundation
import SpectralKit
import Testing
import TestSupport

@Suite struct CirculantTests {
    @Test func singularValuesMatchTheExplicitCircularMatrix() throws {
        let plans = FFTPlanCache()
        var checked = 0
        for c in oracleCases(seed: 400) {
            let (s1, s2) = c.def.strides
            // Round the input to a multiple of the stride (the figure is defined only then).
            let n = (max(s1, c.input.0 / s1 * s1), max(s2, c.input.1 / s2 * s2))
            let dense = DenseOperator.singularValues(DenseOperator.circular(c.def, input: n.0, n.1))
            let fig = try c.def.spec.circulantSpectrum(input: Size2D(n.0, n.1), plans: plans, includeValues: true)
            let values = try #require(fig.singularValues)
            #expect(values.count == dense.count, "\(c)")
            let scale = max(dense.first ?? 1, 1e-300)
            #expect(maxDiff(values, dense) <= 1e-9 * scale, "\(c) at \(n)")
            #expect(abs(fig.max - dense[0]) <= 1e-9 * scale)
            checked += 1
        }
        #expect(checked == oracleCases().count)
    }

    @Test func strideThatDoesNotDivideTheInputIsNotApplicable() {
        let def = DenseOperatorKernels.randomConv(cout: 2, cin: 2, kernel: (3, 3), strides: (2, 2), seed: 5)
        #expect(throws: SizeDependentError.self) {
            try def.spec.circulantSpectrum(input: Size2D(7, 8), plans: FFTPlanCache())
        }
    }

    /// docs §3: the circulant norm is not an upper bound for the zero-padded layer at the same size.
    @Test func circulantCanUnderestimateTheZeroPaddedNorm() throws {
        // A 5×5 kernel whose symbol peaks near ω = ±3π/8, midway between points of the n = 8 DFT grid
        // (ratio 1.057, reproduced independently with numpy).
        let c = (0..<5).map { cos(3 * Double.pi * Double($0) / 8) }
        let weight = (0..<25).map { c[$0 / 5] * c[$0 % 5] }
        let def = ConvDefinition(weight: weight, weightShape: (1, 1, 5, 5), pads: (2, 2, 2, 2))
        let dense = DenseOperator.norm(DenseOperator.conv(def, input: 8, 8))
        let circ = try def.spec.circulantSpectrum(input: Size2D(8, 8), plans: FFTPlanCache())
        #expect(dense / circ.max > 1.05, "ratio \(dense / circ.max)")
        let upper = try def.spec.embeddingBound(input: Size2D(8, 8), plans: FFTPlanCache()).upper
        #expect(dense <= upper * (1 + 1e-12))
    }
}
