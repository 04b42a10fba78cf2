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
        // The row-major matrix read column-major is its `cols × rows` transpose (same singular values), in a
        // buffer with slack after its end, as every LAPACK buffer here (see `ComplexSVDWorkspace`).
        let mn = min(rows, cols), mx = max(rows, cols)
        let slack = 8 * mx + 4096
        var a = [Double](repeating: 0, count: rows * cols + slack)
        a.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: matrix, count: matrix.count) }
        var s = [Double](repeating: 0, count: mn + slack)
        var u = [Double](repeating: 0, count: 1 + slack)
        var vt = [Double](repeating: 0, count: 1 + slack)
        var iwork = [Int32](repeating: 0, count: 8 * mn + slack)
        var query = 0.0
        var info = LAPACKE_dgesdd_work(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(cols), Int32(rows), &a, Int32(cols), &s, &u, 1, &vt, 1,
            &query, -1, &iwork)
        precondition(info == 0, "dgesdd workspace query failed with info \(info)")
        let lwork = max(Int(query), 3 * mn + max(mx, 7 * mn)) + 8
        var work = [Double](repeating: 0, count: lwork + slack)
        info = LAPACKE_dgesdd_work(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(cols), Int32(rows), &a, Int32(cols), &s, &u, 1, &vt, 1,
            &work, Int32(lwork), &iwork)
        precondition(info == 0, "dgesdd failed with info \(info)")
        return Array(s.prefix(mn))
    }

    /// Singular values of a complex `rows × cols` matrix stored row-major as interleaved
    /// `(re, im)` pairs (`matrix.count == 2·rows·cols`).
    public static func singularValues(complex matrix: [Double], rows: Int, cols: Int) -> [Double] {
        precondition(rows > 0 && cols > 0 && matrix.count == 2 * rows * cols)
        // Through the padded column-major workspace: LAPACKE's own row-major copy has no slack after its end,
        // and Debian's OpenBLAS reads past it (see `ComplexSVDWorkspace`).
        let workspace = ComplexSVDWorkspace(rows: rows, cols: cols)
        workspace.matrix.base.update(from: matrix, count: matrix.count)
        workspace.compute()
        return (0..<min(rows, cols)).map { workspace.values.base[$0] }
    }
}
