internal import CLAPACK

/// The largest eigenvalue of a symmetric or Hermitian matrix by LAPACK `dsyevr`/`zheevr` (`range = 'I'`),
/// called through the column-major `LAPACKE_*_work` interface on buffers this type allocates with slack
/// after their end.
///
/// Why: the OpenBLAS 0.3.21 build of Debian 12 dispatches Zen 4/5 to its Haswell kernels, whose `zgemv_n`
/// (inside `zlatrd`/`zhetrd`) reads a little past the end of its matrix. Through `LAPACKE_zheevr`'s own
/// row-major transposed copy — an `mmap`ped block ending at a page boundary for large `n` — this crashed
/// (SIGSEGV, reproduced on a 256×256 matrix). Reading into our slack is harmless: the values there never
/// influence the results (the kernel discards them).
enum PaddedEigensolver {
    /// Slack (doubles) after every buffer handed to LAPACK.
    private static func slack(_ n: Int) -> Int { 8 * n + 4096 }

    /// The row-major upper triangle of a Hermitian `n × n` matrix (interleaved) is, read column-major, the
    /// lower triangle of its transpose `conj(A)`, which has the same eigenvalues.
    static func largestHermitian(upper a: UnsafePointer<Double>, n: Int) -> Double {
        if n == 1 { return a[0] }
        var m = [Double](repeating: 0, count: 2 * n * n + slack(n))
        m.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: a, count: 2 * n * n) }
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n + slack(n))
        var z = [Double](repeating: 0, count: 2 * slack(n))
        var support = [Int32](repeating: 0, count: 2 * n + slack(n))
        var workQuery = [Double](repeating: 0, count: 2 * 64)
        var rworkQuery = [Double](repeating: 0, count: 64)
        var iworkQuery = [Int32](repeating: 0, count: 64)
        let jobz = Int8(UInt8(ascii: "N")), range = Int8(UInt8(ascii: "I")), uplo = Int8(UInt8(ascii: "L"))
        func call(_ work: inout [Double], _ lwork: Int32, _ rwork: inout [Double], _ lrwork: Int32,
                  _ iwork: inout [Int32], _ liwork: Int32) -> Int32 {
            m.withUnsafeMutableBytes { mb in
                z.withUnsafeMutableBytes { zb in
                    work.withUnsafeMutableBytes { wb in
                        LAPACKE_zheevr_work(
                            LAPACK_COL_MAJOR, jobz, range, uplo, Int32(n),
                            mb.baseAddress!.assumingMemoryBound(to: liplint_complex_double.self), Int32(n),
                            0, 0, Int32(n), Int32(n), 0, &found, &w,
                            zb.baseAddress!.assumingMemoryBound(to: liplint_complex_double.self), 1, &support,
                            wb.baseAddress!.assumingMemoryBound(to: liplint_complex_double.self), lwork,
                            &rwork, lrwork, &iwork, liwork)
                    }
                }
            }
        }
        var info = call(&workQuery, -1, &rworkQuery, -1, &iworkQuery, -1)
        precondition(info == 0, "zheevr workspace query failed with info \(info)")
        let lwork = Int(workQuery[0]), lrwork = Int(rworkQuery[0]), liwork = Int(iworkQuery[0])
        var work = [Double](repeating: 0, count: 2 * lwork + slack(n))
        var rwork = [Double](repeating: 0, count: lrwork + slack(n))
        var iwork = [Int32](repeating: 0, count: liwork + slack(n))
        info = call(&work, Int32(lwork), &rwork, Int32(lrwork), &iwork, Int32(liwork))
        precondition(info == 0 && found == 1, "zheevr failed with info \(info)")
        return w[0]
    }

    /// A real symmetric matrix given by its row-major upper triangle (= column-major lower triangle), which
    /// `fill` writes (leading dimension `n`) straight into the padded buffer; the buffer starts zeroed.
    static func largestSymmetric(n: Int, fill: (UnsafeMutablePointer<Double>) -> Void) -> Double {
        var m = [Double](repeating: 0, count: n * n + slack(n))
        m.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
        if n == 1 { return m[0] }
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: n + slack(n))
        var z = [Double](repeating: 0, count: slack(n))
        var support = [Int32](repeating: 0, count: 2 * n + slack(n))
        let jobz = Int8(UInt8(ascii: "N")), range = Int8(UInt8(ascii: "I")), uplo = Int8(UInt8(ascii: "L"))
        var workQuery = [Double](repeating: 0, count: 64)
        var iworkQuery = [Int32](repeating: 0, count: 64)
        var info = LAPACKE_dsyevr_work(
            LAPACK_COL_MAJOR, jobz, range, uplo, Int32(n), &m, Int32(n), 0, 0, Int32(n), Int32(n), 0,
            &found, &w, &z, 1, &support, &workQuery, -1, &iworkQuery, -1)
        precondition(info == 0, "dsyevr workspace query failed with info \(info)")
        let lwork = Int(workQuery[0]), liwork = Int(iworkQuery[0])
        var work = [Double](repeating: 0, count: lwork + slack(n))
        var iwork = [Int32](repeating: 0, count: liwork + slack(n))
        info = LAPACKE_dsyevr_work(
            LAPACK_COL_MAJOR, jobz, range, uplo, Int32(n), &m, Int32(n), 0, 0, Int32(n), Int32(n), 0,
            &found, &w, &z, 1, &support, &work, Int32(lwork), &iwork, Int32(liwork))
        precondition(info == 0 && found == 1, "dsyevr failed with info \(info)")
        return w[0]
    }
}
