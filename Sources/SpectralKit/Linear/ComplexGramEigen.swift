internal import CLAPACK

/// The largest eigenvalue of the Gram matrix of a complex matrix on its smaller side, i.e. `‖F‖₂²`, by
/// `zherk` + LAPACK `zheevr` (`range = 'I'`). Rows of one column (`min(rows, cols) = 1`) are summed
/// directly. The caller owns the error margin (see `SpectralDensity`).
enum ComplexGramEigen {
    /// `‖F‖₂²` (computed, no margin) for `F` row-major `rows × cols`, interleaved `(re, im)` pairs starting at
    /// `f`. `scratch` must hold at least `2·min(rows, cols)²` doubles.
    static func largestSquaredSingularValue(
        _ f: UnsafePointer<Double>, rows: Int, cols: Int, scratch: UnsafeMutablePointer<Double>
    ) -> Double {
        let n = min(rows, cols), k = max(rows, cols)
        if n == 1 {
            var s = 0.0
            for j in 0..<(2 * k) { s += f[j] * f[j] }
            return s
        }
        if rows <= cols {
            cblas_zherk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), 1, f, Int32(cols), 0, scratch, Int32(n))
        } else {
            cblas_zherk(CblasRowMajor, CblasUpper, CblasConjTrans, Int32(n), Int32(k), 1, f, Int32(cols), 0, scratch, Int32(n))
        }
        return largestEigenvalue(hermitianUpper: scratch, n: n)
    }

    /// The largest eigenvalue of a Hermitian `n × n` matrix given by its upper triangle (row-major,
    /// interleaved). The matrix is overwritten.
    static func largestEigenvalue(hermitianUpper a: UnsafeMutablePointer<Double>, n: Int) -> Double {
        if n == 1 { return a[0] }
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n)
        var z = [liplint_complex_double](repeating: .init(real: 0, imag: 0), count: 1)
        var support = [Int32](repeating: 0, count: 2 * n)
        let info = a.withMemoryRebound(to: liplint_complex_double.self, capacity: n * n) { m in
            LAPACKE_zheevr(
                LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "I")), Int8(UInt8(ascii: "U")),
                Int32(n), m, Int32(n), 0, 0, Int32(n), Int32(n), 0, &found, &w, &z, 1, &support)
        }
        precondition(info == 0 && found == 1, "zheevr failed with info \(info)")
        return w[0]
    }
}
