@testable import SpectralKit
import Testing
import TestSupport

@Suite struct ReshapedTests {
    @Test func canBeFarBelowTheLayerNorm() {
        // A 3×3 box filter: ‖R3‖ = ‖(1, …, 1)‖ = 3, but F(0) = 9, and the explicit operator at 12×12 with
        // "same" padding is already close to 9: "reshaped" is √(kh·kw) = 3 times too low.
        let spec = ConvolutionSpec(weight: [Double](repeating: 1, count: 9), outChannels: 1, inChannelsPerGroup: 1,
                                   kernel: Size2D(3, 3), pads: Padding(top: 1, left: 1, bottom: 1, right: 1))
        let f = SizeIndependentFigures.compute(for: spec)
        #expect(abs(f.reshaped.value - 3) < 1e-12)
        let dense = Oracle.denseNorm(spec, input: Size2D(12, 12))!
        #expect(dense > 8.5 && f.reshaped.value < dense)
        #expect(abs(f.asymptotic.upper - 9) < 1e-9)
    }

    @Test func isTheStoredWeightsNormWhateverTheStrideAndDilation() {
        let base = Oracle.randomSpec(seed: 41, out: 3, inPerGroup: 4, kernel: Size2D(3, 3))
        let expected = DenseSVD.singularValues(real: base.weight, rows: 3, cols: 36)[0]
        for (s, d) in [(1, 1), (2, 1), (2, 2), (3, 2)] {
            var spec = base
            spec.stride = Size2D(s, s)
            spec.dilation = Size2D(d, d)
            #expect(abs(SizeIndependentFigures.compute(for: spec).reshaped.value - expected) < 1e-10 * expected)
        }
    }
}
