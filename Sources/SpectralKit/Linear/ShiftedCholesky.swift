internal import CLAPACK

/// The Cholesky test of a shifted Hermitian matrix: LAPACK `zpotrf` succeeds on `sign·M + shift·I` exactly
/// when that matrix is (numerically) positive definite, which proves every eigenvalue of `M` below `shift`
/// (`sign = −1`) or above `−shift` (`sign = +1`) up to the factorization's backward error, which callers
/// cover with their own margins. A failed factorization proves nothing.
enum ShiftedCholesky {
    /// Whether `sign·M + shift·I` factorizes. `m` holds the `n × n` Hermitian `M` interleaved `(re, im)` as
    /// the lower triangle of a column-major matrix — equally, the upper triangle of a row-major one, which is
    /// the lower triangle of `conj(M)` and has the same eigenvalues. Only that triangle is read; `work` (at
    /// least `2·n²` doubles, plus whatever slack the caller's BLAS needs) receives the shifted copy and its
    /// factor.
    static func factorizes(
        _ m: UnsafePointer<Double>, n: Int, sign: Double, shift: Double, work: UnsafeMutablePointer<Double>
    ) -> Bool {
        for j in 0..<n {
            let column = 2 * j * n
            // The diagonal is real and must be positive (else the factorization fails at that column anyway).
            let d = sign * m[column + 2 * j] + shift
            guard d > 0 else { return false }
            work[column + 2 * j] = d
            work[column + 2 * j + 1] = 0
            for i in (j + 1)..<n {
                work[column + 2 * i] = sign * m[column + 2 * i]
                work[column + 2 * i + 1] = sign * m[column + 2 * i + 1]
            }
        }
        let info = work.withMemoryRebound(to: liplint_complex_double.self, capacity: n * n) { a in
            LAPACKE_zpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), a, Int32(n))
        }
        return info == 0
    }
}

extension ShiftedCholesky {
    /// Single-precision test: whether `Ã = fl(shift·I − M)` factorizes (`cpotrf`), `m` laid out as for
    /// `factorizes` but in `Float`s. On success `work` holds the factor `L` (`Ã + ΔA = LLᴴ`) in its
    /// column-major lower triangle and the result is `max_j Ã_jj` (each diagonal entry is the rounding to
    /// `Float` of the exact `shift − M_jj`); `nil` when it fails. `work`: at least `2·n²` Floats plus slack.
    static func factorizesSingle(
        _ m: UnsafePointer<Float>, n: Int, shift: Float, work: UnsafeMutablePointer<Float>
    ) -> Double? {
        var largest = 0.0
        for j in 0..<n {
            let column = 2 * j * n
            let d = Float(Double(shift) - Double(m[column + 2 * j]))
            guard d > 0 else { return nil }
            largest = max(largest, Double(d))
            work[column + 2 * j] = d
            work[column + 2 * j + 1] = 0
            for i in (j + 1)..<n {
                work[column + 2 * i] = -m[column + 2 * i]
                work[column + 2 * i + 1] = -m[column + 2 * i + 1]
            }
        }
        let info = work.withMemoryRebound(to: liplint_complex_float.self, capacity: n * n) { a in
            LAPACKE_cpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), a, Int32(n))
        }
        return info == 0 ? largest : nil
    }
}
