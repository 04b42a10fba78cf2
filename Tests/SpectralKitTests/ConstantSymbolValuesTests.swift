@testable import SpectralKit
import Testing
import TestSupport

/// `ConstantSymbolValues` drops zero rows and columns before the SVD: its values must be those of the SVD of
/// the whole matrix (the oracle: `DenseSVD` on the matrix as given), zeros included, on seeded random
/// matrices with random zero lines — and a 1×1 stride-2 conv's figures must match the dense operator.
@Suite struct ConstantSymbolValuesTests {
    @Test(arguments: [(UInt64(1), 7, 12), (UInt64(2), 12, 7), (UInt64(3), 9, 9), (UInt64(4), 1, 5), (UInt64(5), 16, 40)])
    func valuesMatchTheFullSVD(seed: UInt64, rows: Int, cols: Int) {
        var rng = SeededGenerator(seed: seed)
        var m = rng.normals(rows * cols)
        // Zero about a third of the rows and half of the columns (never all of them).
        for r in 0..<rows where rows > 1 && r % 3 == 1 {
            for c in 0..<cols { m[r * cols + c] = 0 }
        }
        for c in 0..<cols where c % 2 == 0 && cols > 1 {
            for r in 0..<rows { m[r * cols + c] = 0 }
        }
        let full = DenseSVD.singularValues(real: m, rows: rows, cols: cols)
        let compact = ConstantSymbolValues.singularValues(real: m, rows: rows, cols: cols)
        #expect(compact.count == full.count)
        for (a, b) in zip(compact, full) {
            #expect(abs(a - b) <= 1e-12 * full[0], "\(a) vs \(b)")
        }
        #expect(compact == compact.sorted(by: >))
    }

    @Test func allZeroMatrixHasZeroValues() {
        #expect(ConstantSymbolValues.singularValues(real: [0, 0, 0, 0, 0, 0], rows: 2, cols: 3) == [0, 0])
    }

    @Test func pointwiseStrideTwoFiguresMatchTheDenseOperator() throws {
        let conv = DenseOperatorKernels.randomConv(cout: 6, cin: 4, kernel: (1, 1), strides: (2, 2), seed: 9)
        let spec = conv.spec, size = Size2D(6, 6)
        let plans = FFTPlanCache()
        let embedding = try spec.embeddingBound(input: size, plans: plans)
        let circulant = try spec.circulantSpectrum(input: size, plans: plans)
        let dense = try spec.exactNorm(input: size)
        // A 1×1 kernel's embedding bound is σ_max of its weight matrix, which the operator attains.
        #expect(abs(embedding.upper - dense.value) <= 1e-12 * dense.value)
        #expect(abs(circulant.max - dense.value) <= 1e-12 * dense.value)
        // 6 outputs, 4 inputs read, 16 polyphase columns: two of the six values are zero.
        #expect(circulant.min == 0)
    }
}
