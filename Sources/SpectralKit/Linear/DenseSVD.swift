internal import CLAPACK

/// Singular values of small dense matrices by LAPACK's divide-and-conquer SVD (`dgesdd`/`zgesdd`, values
/// only). The values are exact to a few ulps of the largest one; they are returned in descending order.
///
/// Thread-safe: each call uses its own workspace. Callers that run many SVDs in parallel should call
/// `BLASThreading.useSingleThread()` first so that OpenBLAS does not start threads of its own.
public enum DenseSVD {
    /// Singular values of a real `rows × cols` matrix stored row-major.
    public static func singularValues(real matrix: [Double], rows: Int, cols: Int) -> [Double] {
        precondition(rows > 0 && cols > 0 && matrix.count == rows * cols)
        var a = matrix
        var s = [Double](repeating: 0, count: min(rows, cols))
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        // jobz = 'N' still validates ldu/ldvt against the shape (row-major: ldu ≥ 1, ldvt ≥ 1 is fine for N,
        // but pass real leading dimensions to be safe).
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(rows), Int32(cols), &a,
            Int32(cols), &s, &u, Int32(rows), &vt, Int32(cols))
        precondition(info == 0, "dgesdd failed with info \(info)")
        return s
    }

    /// Singular values of a complex `rows × cols` matrix stored row-major as interleaved
    /// `(re, im)` pairs (`matrix.count == 2·rows·cols`).
    public static func singularValues(complex matrix: [Double], rows: Int, cols: Int) -> [Double] {
        precondition(rows > 0 && cols > 0 && matrix.count == 2 * rows * cols)
        var s = [Double](repeating: 0, count: min(rows, cols))
        var u = [liplint_complex_double](repeating: .init(real: 0, imag: 0), count: 1)
        var vt = [liplint_complex_double](repeating: .init(real: 0, imag: 0), count: 1)
        var a = [liplint_complex_double](repeating: .init(real: 0, imag: 0), count: rows * cols)
        for k in 0..<(rows * cols) {
            a[k] = liplint_complex_double(real: matrix[2 * k], imag: matrix[2 * k + 1])
        }
        let info = LAPACKE_zgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(rows), Int32(cols), &a,
            Int32(cols), &s, &u, Int32(rows), &vt, Int32(cols))
        precondition(info == 0, "zgesdd failed with info \(info)")
        return s
    }
}
