@testable import SpectralKit
import Testing
import TestSupport

/// `NonNegativeSpectralNorm` against LAPACK's `dgesdd` on the explicit matrix (TestSupport's dense oracle):
/// the enclosure must hold the exact norm and be as tight as the convergence test asks, on seeded random
/// non-negative matrices of several shapes and on structured ones (zero rows and columns, several equal
/// Perron roots, rank one); a method that has not converged must say so (`nil`), never return a loose value.
@Suite struct NonNegativeSpectralNormTests {
    static func oracle(_ a: [Double], rows: Int, cols: Int) -> Double {
        DenseOperator.norm(DenseOperator.Matrix(values: a, rows: rows, cols: cols))
    }

    static func enclosure(_ a: [Double], rows: Int, cols: Int, gap: Double = 1e-13, steps: Int = 40) -> NormInterval? {
        a.withUnsafeBufferPointer {
            NonNegativeSpectralNorm.of($0.baseAddress!, rows: rows, cols: cols, relativeGap: gap, maxSteps: steps)
        }
    }

    static func expectEncloses(_ a: [Double], rows: Int, cols: Int) {
        let exact = oracle(a, rows: rows, cols: cols)
        guard let n = enclosure(a, rows: rows, cols: cols) else {
            Issue.record("not converged on a \(rows)×\(cols) matrix")
            return
        }
        // The oracle itself is accurate to a few ulps of the norm: compare with that slack.
        let slack = 1e-14 * exact
        #expect(n.lower <= exact + slack)
        #expect(n.upper >= exact - slack)
        #expect(n.upper - n.lower <= 1e-11 * exact)
    }

    @Test(arguments: [
        (seed: UInt64(1), rows: 40, cols: 40), (seed: UInt64(2), rows: 64, cols: 17), (seed: UInt64(3), rows: 9, cols: 120),
        (seed: UInt64(4), rows: 1, cols: 30), (seed: UInt64(5), rows: 30, cols: 1), (seed: UInt64(6), rows: 200, cols: 150),
    ])
    func enclosesTheNormOfRandomNonNegativeMatrices(_ c: (seed: UInt64, rows: Int, cols: Int)) {
        var rng = SeededGenerator(seed: c.seed)
        // |N(0, 1)| entries, as the tap sums of He-initialised weights.
        let a = rng.normals(c.rows * c.cols).map { abs($0) }
        Self.expectEncloses(a, rows: c.rows, cols: c.cols)
    }

    @Test func zeroRowsAndColumnsAndSparseEntries() {
        var rng = SeededGenerator(seed: 11)
        let (rows, cols) = (25, 31)
        var a = rng.normals(rows * cols).map { abs($0) }
        for r in 0..<rows where r % 4 == 1 { for c in 0..<cols { a[r * cols + c] = 0 } }
        for c in 0..<cols where c % 5 == 2 { for r in 0..<rows { a[r * cols + c] = 0 } }
        for e in a.indices where e % 3 == 0 { a[e] = 0 }
        Self.expectEncloses(a, rows: rows, cols: cols)
    }

    @Test func blockDiagonalWithEqualAndDifferentBlocks() {
        // Two equal blocks: the Perron root is double; a third, smaller block must not matter.
        var rng = SeededGenerator(seed: 12)
        let b = 7
        let block = rng.normals(b * b).map { abs($0) }
        let (rows, cols) = (3 * b, 3 * b)
        var a = [Double](repeating: 0, count: rows * cols)
        for k in 0..<3 {
            for r in 0..<b {
                for c in 0..<b { a[(k * b + r) * cols + k * b + c] = block[r * b + c] * (k == 2 ? 0.5 : 1) }
            }
        }
        Self.expectEncloses(a, rows: rows, cols: cols)
    }

    @Test func permutationAndRankOneMatrices() {
        let n = 12
        var p = [Double](repeating: 0, count: n * n)
        for r in 0..<n { p[r * n + (r * 5) % n] = 3 }
        #expect(Self.enclosure(p, rows: n, cols: n) == NormInterval(
            lower: (9 * (1 - 4 * Double(2 * n + 4) * Double.ulpOfOne / 2)).squareRoot(),
            upper: (9 * (1 + 4 * Double(2 * n + 4) * Double.ulpOfOne / 2)).squareRoot()))
        var rng = SeededGenerator(seed: 13)
        let u = rng.normals(8).map { abs($0) + 0.1 }, v = rng.normals(19).map { abs($0) + 0.1 }
        let outer = u.flatMap { x in v.map { x * $0 } }
        Self.expectEncloses(outer, rows: 8, cols: 19)
    }

    @Test func zeroMatrixIsExactlyZero() {
        #expect(Self.enclosure([Double](repeating: 0, count: 12), rows: 3, cols: 4) == NormInterval(exactly: 0))
    }

    @Test func reportsNonConvergenceInsteadOfALooseValue() {
        var rng = SeededGenerator(seed: 14)
        let a = rng.normals(30 * 30).map { abs($0) }
        // One step cannot close the gap to 1e-13 on a random matrix: the caller must fall back.
        #expect(Self.enclosure(a, rows: 30, cols: 30, steps: 1) == nil)
        // With a looser target one step suffices and still encloses the norm.
        let loose = Self.enclosure(a, rows: 30, cols: 30, gap: 0.5, steps: 1)
        let exact = Self.oracle(a, rows: 30, cols: 30)
        #expect(loose != nil && loose!.lower <= exact * (1 + 1e-14) && loose!.upper >= exact * (1 - 1e-14))
    }
}
