import Testing
import SpectralKit

@Suite struct DenseSVDTests {
    @Test func diagonalMatrixGivesItsAbsoluteEntriesInDescendingOrder() {
        let m: [Double] = [3, 0, 0, 0, -5, 0]  // 2×3
        #expect(DenseSVD.singularValues(real: m, rows: 2, cols: 3) == [5, 3])
    }

    @Test func complexRotationHasUnitSingularValues() {
        // [[i, 0], [0, 1]] is unitary.
        let m: [Double] = [0, 1, 0, 0, 0, 0, 1, 0]
        let s = DenseSVD.singularValues(complex: m, rows: 2, cols: 2)
        #expect(abs(s[0] - 1) < 1e-14 && abs(s[1] - 1) < 1e-14)
    }

    @Test func rankOneMatrixHasOneNonzeroValue() {
        // u vᵀ with u = (1, 2), v = (3, 4, 0): σ = |u|·|v| = √5 · 5.
        let m: [Double] = [3, 4, 0, 6, 8, 0]
        let s = DenseSVD.singularValues(real: m, rows: 2, cols: 3)
        #expect(abs(s[0] - 5 * 5.0.squareRoot()) < 1e-12)
        #expect(abs(s[1]) < 1e-12)
    }
}
