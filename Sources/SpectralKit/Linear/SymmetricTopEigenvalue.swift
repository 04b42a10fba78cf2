internal import CLAPACK

/// The largest eigenvalue of a real symmetric positive semidefinite matrix `M` (a Gram matrix) located
/// without a tridiagonal reduction, for `RealSpectralNorm.byCholesky`:
///
/// - a Lanczos run with full reorthogonalization (`dsymv`, at most `maxSteps` products, from a fixed start
///   vector, so the result is deterministic) gives the top Ritz value `θ` and its Ritz vector `x`;
/// - `rayleigh = xᵀ(Mx) / xᵀx`, recomputed from `M` (not the Lanczos recurrence, whose orthogonality is
///   only approximate): for the stored `M` it is `≤ λ_max(M)` up to the rounding of that one product and
///   two dot products, which the caller's margin covers;
/// - `shift = max(θ, rayleigh)·(1 + η)`, then `(1 + 2η)`, then `(1 + 4η)` until the Cholesky factorization
///   of `shift·I − M` (LAPACK `dpotrf`) succeeds; a success proves `λ_max(M) < shift` up to the
///   factorization's backward error, which the caller covers (`RealSpectralNorm.choleskyAllowance`).
///
/// `nil` when no shift factorizes (the caller falls back to the eigensolver). Cost: `≈ 2n²` flops per
/// Lanczos step plus `n³/3` per factorization, versus `≈ 4/3·n³` (memory-bound) for `dsyevr`'s reduction.
enum SymmetricTopEigenvalue {
    /// Lanczos steps at most.
    static let maxSteps = 100

    /// `m`: row-major upper triangle of `M` (= column-major lower triangle), `n × n`, `n > 1`; not modified.
    /// `eta`: the relative gap of the first shift above the Ritz value.
    static func enclose(_ m: UnsafePointer<Double>, n: Int, relativeWidth eta: Double) -> (rayleigh: Double, shift: Double)? {
        precondition(n > 1)
        let slack = 8 * n + 4096
        let steps = min(n, maxSteps)
        var v = [Double](repeating: 0, count: n * (steps + 1) + slack)  // column j = v_j
        var w = [Double](repeating: 0, count: n + slack)
        var h = [Double](repeating: 0, count: steps + 1 + slack)
        var x = [Double](repeating: 0, count: n + slack)
        var alpha = [Double](), beta = [Double]()
        var ritz: (theta: Double, vector: [Double]) = (0, [])
        v.withUnsafeMutableBufferPointer { vb in
            w.withUnsafeMutableBufferPointer { wb in
                h.withUnsafeMutableBufferPointer { hb in
                    let vp = vb.baseAddress!, wp = wb.baseAddress!, hp = hb.baseAddress!
                    // A fixed, generic start vector (deterministic).
                    GenericStartSequence.fill(vp, count: n)
                    cblas_dscal(Int32(n), 1 / cblas_dnrm2(Int32(n), vp, 1), vp, 1)
                    var k = 0
                    while k < steps {
                        let vk = vp + n * k
                        cblas_dsymv(CblasRowMajor, CblasUpper, Int32(n), 1, m, Int32(n), vk, 1, 0, wp, 1)
                        // Full reorthogonalization against v_0 … v_k (classical Gram–Schmidt, twice).
                        for pass in 0..<2 {
                            cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(k + 1), 1, vp, Int32(n), wp, 1, 0, hp, 1)
                            if pass == 0 { alpha.append(hp[k]) } else { alpha[k] += hp[k] }
                            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(k + 1), -1, vp, Int32(n), hp, 1, 1, wp, 1)
                        }
                        let b = cblas_dnrm2(Int32(n), wp, 1)
                        k += 1
                        let invariant = b <= 1e-14 * max(abs(alpha[0]), Double.leastNormalMagnitude)
                        if k % 5 == 0 || k == steps || invariant {
                            let previous = ritz.theta
                            let pair = TridiagonalTopEigenpair.compute(alpha, beta, vectors: true)
                            ritz = (pair.value, pair.vector)
                            // Stop when the top Ritz value has settled (it converges geometrically, so what is
                            // left is below its last change) or the residual ‖Mx − θx‖ = b·|s_last| is small.
                            let residual = b * abs(ritz.vector[k - 1])
                            let settled = ritz.theta - previous <= 0.25 * eta * ritz.theta
                            if invariant || settled || residual <= 0.25 * eta * ritz.theta { break }
                        }
                        guard k < steps else { break }
                        beta.append(b)
                        let next = vp + n * k
                        for i in 0..<n { next[i] = wp[i] / b }
                    }
                    // The Ritz vector x = V s.
                    ritz.vector.withUnsafeBufferPointer { s in
                        x.withUnsafeMutableBufferPointer { xb in
                            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(k), 1, vp, Int32(n), s.baseAddress!, 1, 0, xb.baseAddress!, 1)
                        }
                    }
                    // The Rayleigh quotient of x, recomputed from M.
                    cblas_dsymv(CblasRowMajor, CblasUpper, Int32(n), 1, m, Int32(n), x, 1, 0, wp, 1)
                }
            }
        }
        let xx = cblas_ddot(Int32(n), x, 1, x, 1)
        let rayleigh = xx > 0 ? cblas_ddot(Int32(n), x, 1, w, 1) / xx : 0
        let base = max(ritz.theta, rayleigh, Double.leastNormalMagnitude)
        var factor = [Double](repeating: 0, count: n * n + slack)
        for widening in [1.0, 2, 4] {
            let shift = base * (1 + widening * eta)
            if factorizes(m, n: n, shift: shift, work: &factor) { return (max(0, rayleigh), shift) }
        }
        return nil
    }

    /// Whether `shift·I − M` factorizes (`dpotrf`, lower triangle, column-major, on the copy in `work`).
    static func factorizes(_ m: UnsafePointer<Double>, n: Int, shift: Double, work: inout [Double]) -> Bool {
        work.withUnsafeMutableBufferPointer { wb in
            let a = wb.baseAddress!
            for j in 0..<n {
                let column = j * n
                let d = shift - m[column + j]
                guard d > 0 else { return false }
                a[column + j] = d
                for i in (j + 1)..<n { a[column + i] = -m[column + i] }
            }
            return LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), a, Int32(n)) == 0
        }
    }
}
