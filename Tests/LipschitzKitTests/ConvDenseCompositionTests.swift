import Testing
import SpectralKit
import TestSupport
@testable import LipschitzKit

/// `ConvDenseComposition` against the independent oracle: the matrix `Wᵀ·diag(s)·T` with `T` from
/// `DenseOperator.conv`, on seeded random geometries (strides, asymmetric pads, dilations, groups, rectangular
/// sizes). Entry by entry the two agree to rounding, and the spectral norm of the difference is within the
/// stated rounding margin.
@Suite struct ConvDenseCompositionTests {
    @Test(arguments: 0..<12)
    func composedMatrixIsTheOracleProduct(seed: Int) throws {
        var rng = SeededGenerator(seed: 200 + UInt64(seed))
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        let group = [1, 1, 2][pick(0...2)]
        let cin = group * pick(1...2), cout = group * pick(1...3)
        let kernel = [pick(1...3), pick(1...3)], stride = [pick(1...2), pick(1...3)], dilation = [pick(1...2), pick(1...2)]
        let pads = [pick(0...2), pick(0...1), pick(0...2), pick(0...1)]
        let input = [pick(4...7), pick(3...7)]
        let def = ConvDefinition(
            weight: rng.normals(cout * (cin / group) * kernel[0] * kernel[1]),
            weightShape: (cout, cin / group, kernel[0], kernel[1]), strides: (stride[0], stride[1]),
            dilations: (dilation[0], dilation[1]), pads: (pads[0], pads[1], pads[2], pads[3]), group: group)
        let (m1, m2) = try #require(def.convOutputSize(input[0], input[1]))
        let t = DenseOperator.conv(def, input: input[0], input[1])
        let p = pick(1...4)
        let w = rng.normals(t.rows * p)
        let scale = rng.normals(cout)
        let geometry = ConvDenseComposition.Geometry(
            kernel: kernel, stride: stride, dilation: dilation, pads: pads, group: group, inputChannels: cin,
            outputChannels: cout, input: input, output: [m1, m2])
        let composed = try #require(ConvDenseComposition(
            kernel: def.weight, geometry: geometry, scale: scale, right: w, rows: t.rows, cols: p))
        #expect(composed.rows == p && composed.cols == t.cols)
        var difference = [Double](repeating: 0, count: p * t.cols)
        for row in 0..<p {
            for j in 0..<t.cols {
                var exact = 0.0
                for r in 0..<t.rows { exact += w[r * p + row] * scale[r / (m1 * m2)] * t.values[r * t.cols + j] }
                difference[row * t.cols + j] = composed.values[row * t.cols + j] - exact
            }
        }
        let largest = difference.map(abs).max() ?? 0
        #expect(largest < 1e-12, "seed \(seed): \(largest)")
        let gap = DenseSVD.singularValues(real: difference, rows: p, cols: t.cols).first ?? 0
        // The oracle's own sums round too: allow it the same margin again.
        #expect(gap <= 2 * composed.roundingMargin, "seed \(seed): ‖difference‖ \(gap), margin \(composed.roundingMargin)")
        #expect(composed.roundingMargin > 0)
    }

    /// Shapes that disagree are refused rather than read out of bounds.
    @Test func mismatchedShapesAreRefused() {
        let geometry = ConvDenseComposition.Geometry(
            kernel: [3, 3], stride: [1, 1], dilation: [1, 1], pads: [1, 1, 1, 1], group: 1, inputChannels: 2,
            outputChannels: 2, input: [4, 4], output: [4, 4])
        let k = [Double](repeating: 1, count: 2 * 2 * 9)
        #expect(ConvDenseComposition(kernel: k, geometry: geometry, scale: [1, 1], right: [Double](repeating: 1, count: 31),
                                     rows: 31, cols: 1) == nil)
        #expect(ConvDenseComposition(kernel: k, geometry: geometry, scale: [1], right: [Double](repeating: 1, count: 32),
                                     rows: 32, cols: 1) == nil)
        var hostile = geometry
        hostile.stride = [1 << 40, 1]
        #expect(ConvDenseComposition(kernel: k, geometry: hostile, scale: [1, 1], right: [Double](repeating: 1, count: 32),
                                     rows: 32, cols: 1) == nil)
        #expect(ConvDenseComposition(kernel: k, geometry: geometry, scale: [1, 1], right: [Double](repeating: 1, count: 32),
                                     rows: 32, cols: 1) != nil)
    }
}
