internal import CLAPACK

/// A certified enclosure `[lower, upper]` of the largest eigenvalue of a Hermitian positive semidefinite
/// matrix, cheaper than a full eigensolver for large `n`:
///
/// - `lower`: the largest Ritz value of a Lanczos run with full reorthogonalization (a Rayleigh quotient
///   over an orthonormal Krylov basis, so at most `λ_max` up to rounding, which the margin covers);
/// - `upper`: `γ = lower·(1 + η)` (η = `relativeWidth`) when the Cholesky factorization of `γI − M`
///   succeeds (`γI − M` positive definite ⇔ `λ_max < γ`), plus the rounding margin of the factorization (a
///   successful floating-point Cholesky of `A` proves `A + E ≻ 0` with `‖E‖₂ ≤ (n + 1)·u·tr(A)` — Demmel's
///   bound — here `≤ (n + 1)·u·n·γ`).
///
/// When the Cholesky test fails (Lanczos has not reached the top of the spectrum to within η), the exact
/// eigensolver (`PaddedEigensolver`) decides, so the enclosure is never wider than η: a wider point value
/// could keep the branch and bound from converging. Cost: `≈ k` Hermitian matrix–vector products
/// (`k ≤ 80`) and one Cholesky factorization (`n³/3` complex), versus `≈ 16/3·n³` for the tridiagonal
/// reduction.
enum HermitianTopEigenvalue {
    /// `m`: row-major upper triangle of `M` (interleaved), `n × n`; it is not modified. `knownLower`: a
    /// certified lower bound on `λmax` found elsewhere (e.g. `SinglePrecisionGramEnclosure`'s Rayleigh
    /// quotient), or 0; when positive, the Cholesky test at `knownLower·(1 + η)` is tried first, and on
    /// success Lanczos is skipped.
    static func enclose(
        _ m: UnsafePointer<Double>, n: Int, relativeWidth eta: Double, knownLower: Double = 0
    ) -> (lower: Double, upper: Double) {
        let u = Double.ulpOfOne / 2
        let slack = 8 * n + 4096
        if knownLower > 0, let upper = choleskyUpper(m, n: n, shift: knownLower * (1 + eta) + Double.leastNormalMagnitude) {
            return (knownLower, upper)
        }
        let steps = min(n, 80)
        // Lanczos basis stored column-major: column j is v_j (n complex).
        var v = [Double](repeating: 0, count: 2 * n * (steps + 1) + slack)
        var w = [Double](repeating: 0, count: 2 * n + slack)
        var h = [Double](repeating: 0, count: 2 * (steps + 1) + slack)
        var alpha = [Double](), beta = [Double]()
        for (i, x) in startVector(n: n).enumerated() { v[i] = x }
        let one: [Double] = [1, 0], zero: [Double] = [0, 0], minusOne: [Double] = [-1, 0]
        var theta = 0.0, previous = -1.0
        var k = 0
        v.withUnsafeMutableBufferPointer { vb in
            w.withUnsafeMutableBufferPointer { wb in
                h.withUnsafeMutableBufferPointer { hb in
                    let vp = vb.baseAddress!, wp = wb.baseAddress!, hp = hb.baseAddress!
                    while k < steps {
                        let vk = vp + 2 * n * k
                        cblas_zhemv(CblasRowMajor, CblasUpper, Int32(n), one, m, Int32(n), vk, 1, zero, wp, 1)
                        // Full reorthogonalization against v_0 … v_k (classical Gram–Schmidt, twice).
                        for _ in 0..<2 {
                            cblas_zgemv(CblasColMajor, CblasConjTrans, Int32(n), Int32(k + 1), one, vp, Int32(n), wp, 1, zero, hp, 1)
                            if alpha.count == k { alpha.append(hp[2 * k]) } else { alpha[k] += hp[2 * k] }
                            cblas_zgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(k + 1), minusOne, vp, Int32(n), hp, 1, one, wp, 1)
                        }
                        let b = cblas_dznrm2(Int32(n), wp, 1)
                        k += 1
                        if k % 10 == 0 || k == steps || b <= 1e-14 * max(abs(alpha[0]), 1e-300) {
                            theta = largestRitzValue(alpha, beta)
                            if b <= 1e-14 * max(theta, 1e-300) || abs(theta - previous) <= 0.05 * eta * theta { break }
                            previous = theta
                        }
                        beta.append(b)
                        let next = vp + 2 * n * k
                        for i in 0..<(2 * n) { next[i] = wp[i] / b }
                    }
                }
            }
        }
        if theta == 0 { theta = largestRitzValue(alpha, Array(beta.prefix(max(0, alpha.count - 1)))) }
        let lower = max(0, theta * (1 - 8 * Double(n + k) * u))
        if let upper = choleskyUpper(m, n: n, shift: lower * (1 + eta) + Double.leastNormalMagnitude) {
            return (max(lower, knownLower), upper)
        }
        let exact = PaddedEigensolver.largestHermitian(upper: m, n: n)
        return (min(max(lower, knownLower), exact), exact)
    }

    /// The Cholesky test of `γI − M` (`γ = shift`) on a padded copy (`m`'s row-major upper triangle is the
    /// column-major lower triangle of `conj(M)`, same eigenvalues): on success `λmax < γ` up to the
    /// factorization's backward error, and the result is `γ·(1 + 2(n + 1)n·u)`, which covers it.
    private static func choleskyUpper(_ m: UnsafePointer<Double>, n: Int, shift gamma: Double) -> Double? {
        var a = [Double](repeating: 0, count: 2 * n * n + 8 * n + 4096)
        let proven = a.withUnsafeMutableBufferPointer { ab in
            ShiftedCholesky.factorizes(m, n: n, sign: -1, shift: gamma, work: ab.baseAddress!)
        }
        return proven ? gamma * (1 + 2 * Double((n + 1) * n) * (Double.ulpOfOne / 2)) : nil
    }

    /// The fixed, generic unit start vector of the Lanczos runs (`2n` doubles, deterministic); also used by
    /// `SingleHermitianLanczos`.
    static func startVector(n: Int) -> [Double] {
        var v = [Double](repeating: 0, count: 2 * n)
        let norm2 = v.withUnsafeMutableBufferPointer { GenericStartSequence.fill($0.baseAddress!, count: 2 * n) }
        let inv = 1 / norm2.squareRoot()
        for i in 0..<(2 * n) { v[i] *= inv }
        return v
    }

    /// The largest eigenvalue of the symmetric tridiagonal matrix with diagonal `alpha` and off-diagonal
    /// `beta` (LAPACK `dsterf`).
    private static func largestRitzValue(_ alpha: [Double], _ beta: [Double]) -> Double {
        var d = alpha
        var e = Array(beta.prefix(max(0, alpha.count - 1)))
        e.append(contentsOf: [Double](repeating: 0, count: 2))
        let info = LAPACKE_dsterf(Int32(d.count), &d, &e)
        precondition(info == 0, "dsterf failed with info \(info)")
        return d.max() ?? 0
    }
}
