internal import CLAPACK

/// Reusable LAPACK workspace for the singular values of many complex matrices of one shape (`zgesdd`,
/// values only, exact to a few ulps of the largest value). One instance per worker thread.
final class ComplexSVDWorkspace {
    let rows: Int, cols: Int
    /// Interleaved complex input, row-major `rows × cols` (overwritten by each call).
    let matrix: ScratchArray<Double>
    let values: ScratchArray<Double>
    private let work: UnsafeMutablePointer<liplint_complex_double>
    private let lwork: Int
    private let rwork: ScratchArray<Double>
    private let iwork: ScratchArray<Int32>
    /// Stand-ins for U and Vᵀ, which `jobz = 'N'` never touches.
    private let dummyU: UnsafeMutablePointer<liplint_complex_double>
    private let dummyV: UnsafeMutablePointer<liplint_complex_double>

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        let mn = min(rows, cols), mx = max(rows, cols)
        // Every buffer LAPACK sees gets slack after its end: Debian 12's OpenBLAS 0.3.21 runs its Haswell
        // `zgemv_n` kernel (inside zgesdd's bidiagonalization) on this CPU, and that kernel reads a little past
        // the end of its operand — a SIGSEGV when the buffer ends at a page boundary (seen in CI on a
        // 170-column matrix). The slack's values never reach a result. See also `PaddedEigensolver`.
        let slack = 8 * mx + 4096
        matrix = ScratchArray(count: 2 * rows * cols + slack, zero: 0)
        values = ScratchArray(count: mn + slack, zero: 0)
        rwork = ScratchArray(count: 7 * mn + 16 + slack, zero: 0)
        iwork = ScratchArray(count: 8 * mn + 16 + slack, zero: 0)
        dummyU = .allocate(capacity: 1)
        dummyV = .allocate(capacity: 1)
        let (mat, vals, rw, iw, du, dv) = (matrix, values, rwork, iwork, dummyU, dummyV)
        // Workspace query. The row-major matrix is read as the column-major `cols × rows` transpose
        // (same singular values), which avoids LAPACKE's transposed copy.
        var query = liplint_complex_double(real: 0, imag: 0)
        let info = mat.base.withMemoryRebound(to: liplint_complex_double.self, capacity: rows * cols) { a in
            LAPACKE_zgesdd_work(
                LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(cols), Int32(rows), a, Int32(cols), vals.base,
                du, 1, dv, 1, &query, -1, rw.base, iw.base)
        }
        precondition(info == 0, "zgesdd workspace query failed with info \(info)")
        lwork = max(Int(query.real), 2 * mn + mx) + 8
        work = .allocate(capacity: lwork + slack)
        work.initialize(repeating: liplint_complex_double(real: 0, imag: 0), count: lwork + slack)
    }

    deinit {
        work.deallocate()
        dummyU.deallocate()
        dummyV.deallocate()
    }

    /// Singular values (descending) of the matrix currently in `matrix`, written to `values`.
    func compute() {
        let info = matrix.base.withMemoryRebound(to: liplint_complex_double.self, capacity: rows * cols) { a in
            LAPACKE_zgesdd_work(
                LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(cols), Int32(rows), a, Int32(cols), values.base,
                dummyU, 1, dummyV, 1, work, Int32(lwork), rwork.base, iwork.base)
        }
        precondition(info == 0, "zgesdd failed with info \(info)")
    }
}
