internal import CLAPACK

/// A certified enclosure `[lower, upper]` of the largest eigenvalue of a small Hermitian positive semidefinite
/// matrix (`n` below `ComplexGramEigen.iterativeThreshold`), started from a caller's guess of the top
/// eigenvector, with that eigenvector's estimate as a by-product (so the next, nearby matrix can start there).
///
/// - `lower`: the Rayleigh quotient `xᴴMx / xᴴx` of the Ritz vector `x` of a short Lanczos run (full
///   reorthogonalization), computed explicitly and lowered by `8(n + 2)·u` (relative) for its rounding;
///   a Rayleigh quotient never exceeds `λ_max`.
/// - `upper`: `γ = lower·(1 + η)` when the Cholesky factorization of `γI − M` succeeds (`ShiftedCholesky`;
///   `γI − M ≻ 0` ⇔ `λ_max < γ`), times `1 + 2(n + 1)n·u` for the factorization's backward error (Demmel:
///   `‖E‖₂ ≤ (n + 1)·u·tr(γI − M) ≤ (n + 1)·u·n·γ`).
/// - When two Cholesky tests fail (Lanczos had not reached the top of the spectrum within `η`, e.g. a start
///   orthogonal to the top eigenvector), LAPACK `zheevr` (`PaddedEigensolver`) decides and both ends are its
///   value, as on the direct path: the enclosure is never wider than `η`, and never wrong.
///
/// Why: below 160 channels `zheevr` is dominated by its tridiagonal reduction (`zhetrd`, memory-bound
/// `zhemv`s) and the bisection: measured here (one thread, OpenBLAS 0.3.21) 364 µs at `n = 64` and 1.34 ms at
/// 128, against 34 µs and 115 µs for one shifted Cholesky and 3.6 µs / 6.8 µs per `zhemv`. From a nearby
/// point's eigenvector Lanczos needs a handful of steps.
enum SmallHermitianTopEigenvalue {
    /// Reusable buffers for one `n` (allocate once per batch of points, not per point).
    struct Workspace {
        let n: Int
        let steps: Int
        /// Lanczos basis, column-major: column `j` is `v_j` (`n` complex).
        var basis: [Double]
        var product: [Double]
        var coefficients: [Double]
        var factor: [Double]
        var diagonal: [Double]
        var offDiagonal: [Double]

        init(n: Int) {
            self.n = n
            steps = min(n, 48)
            let slack = 8 * n + 4096
            basis = [Double](repeating: 0, count: 2 * n * (steps + 1) + slack)
            product = [Double](repeating: 0, count: 2 * n + slack)
            coefficients = [Double](repeating: 0, count: 2 * (steps + 1) + slack)
            factor = [Double](repeating: 0, count: 2 * n * n + slack)
            diagonal = [Double](repeating: 0, count: steps + 2)
            offDiagonal = [Double](repeating: 0, count: steps + 2)
        }
    }

    /// The enclosure of `λ_max(M)`.
    ///
    /// - Parameters:
    ///   - m: row-major upper triangle of `M` (interleaved `(re, im)`), `n × n`; not modified.
    ///   - eta: the relative width wanted (`> 0`); the result is at most this wide, relatively (plus margins).
    ///   - start: `n` complex numbers, a guess of the top eigenvector (any scale, need not be normalized), or
    ///     `nil` for a fixed generic vector. A small fixed generic component is always mixed in, so a start
    ///     orthogonal to the top eigenvector costs steps, not correctness.
    ///   - vector: if not `nil`, receives `n` complex numbers: the unit Ritz vector (the estimate of the top
    ///     eigenvector).
    static func enclose(
        _ m: UnsafePointer<Double>, n: Int, relativeWidth eta: Double, start: UnsafePointer<Double>?,
        vector: UnsafeMutablePointer<Double>?, workspace: inout Workspace
    ) -> (lower: Double, upper: Double) {
        precondition(workspace.n == n && n >= 2 && eta > 0)
        let u = Double.ulpOfOne / 2
        let steps = workspace.steps
        var lower = 0.0, theta = 0.0
        var proven = false
        var k = 0  // basis vectors formed (`alpha.count` of them processed)
        var alpha = [Double](), beta = [Double]()
        alpha.reserveCapacity(steps + 1)
        beta.reserveCapacity(steps + 1)
        workspace.basis.withUnsafeMutableBufferPointer { vb in
            workspace.product.withUnsafeMutableBufferPointer { wb in
                workspace.coefficients.withUnsafeMutableBufferPointer { hb in
                    workspace.factor.withUnsafeMutableBufferPointer { ab in
                        workspace.diagonal.withUnsafeMutableBufferPointer { db in
                            workspace.offDiagonal.withUnsafeMutableBufferPointer { eb in
                                let v = vb.baseAddress!, w = wb.baseAddress!, h = hb.baseAddress!
                                Self.startVector(v, n: n, start: start)
                                var ritz = (value: 0.0, vector: [Double]())
                                // Up to two Lanczos runs (the second continues the first) each followed by a
                                // Cholesky test at the Rayleigh quotient of the current Ritz vector.
                                for attempt in 0..<2 {
                                    let limit = attempt == 0 ? min(steps, 12) : steps
                                    Self.lanczos(
                                        m, n: n, v: v, w: w, h: h, alpha: &alpha, beta: &beta, k: &k, limit: limit,
                                        tolerance: (attempt == 0 ? 0.1 : 0.02) * eta)
                                    ritz = Self.topRitzPair(alpha, beta, d: db.baseAddress!, e: eb.baseAddress!)
                                    theta = ritz.value
                                    // x = V s, normalized; ρ = xᴴMx (explicit Rayleigh quotient).
                                    let x = Self.combine(v, n: n, coefficients: ritz.vector, into: h)
                                    let rho = Self.rayleigh(m, n: n, x: x, scratch: w)
                                    lower = max(lower, max(0, rho * (1 - 8 * Double(n + 2) * u)))
                                    if let vector { vector.update(from: x, count: 2 * n) }
                                    let gamma = lower * (1 + eta) + Double.leastNormalMagnitude
                                    if ShiftedCholesky.factorizes(m, n: n, sign: -1, shift: gamma, work: ab.baseAddress!) {
                                        theta = gamma
                                        proven = true
                                        return
                                    }
                                    if alpha.count >= steps || (beta.last ?? 1) == 0 { break }
                                }
                            }
                        }
                    }
                }
            }
        }
        if proven { return (lower, theta * (1 + 2 * Double((n + 1) * n) * u)) }
        // The eigensolver's value, as the direct path reports it (the caller's margin covers its rounding).
        let exact = PaddedEigensolver.largestHermitian(upper: m, n: n)
        return (exact, exact)
    }

    /// The generic fixed vector (a linear congruential sequence) plus, when given, the start scaled to unit
    /// norm with weight 1 against the generic part's 10⁻², normalized; written to `v`.
    private static func startVector(_ v: UnsafeMutablePointer<Double>, n: Int, start: UnsafePointer<Double>?) {
        let g2 = GenericStartSequence.fill(v, count: 2 * n)
        var s2 = 0.0
        if let start { for i in 0..<(2 * n) { s2 += start[i] * start[i] } }
        if let start, s2 > 0, s2.isFinite {
            let a = 1 / s2.squareRoot(), b = 1e-2 / g2.squareRoot()
            for i in 0..<(2 * n) { v[i] = a * start[i] + b * v[i] }
        }
        var norm2 = 0.0
        for i in 0..<(2 * n) { norm2 += v[i] * v[i] }
        let inv = 1 / norm2.squareRoot()
        for i in 0..<(2 * n) { v[i] *= inv }
    }

    /// Extends the Lanczos basis from `k` vectors until `limit`, an invariant subspace, or the largest Ritz
    /// value grows by at most `tolerance` (relative) in a step. `v` holds the basis (column `k − 1` is the
    /// newest, or column 0 the start when `k = 0`).
    private static func lanczos(
        _ m: UnsafePointer<Double>, n: Int, v: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>,
        h: UnsafeMutablePointer<Double>, alpha: inout [Double], beta: inout [Double], k: inout Int, limit: Int,
        tolerance: Double
    ) {
        let one: [Double] = [1, 0], zero: [Double] = [0, 0], minusOne: [Double] = [-1, 0]
        var previous = alpha.isEmpty ? -Double.infinity : largestRitzValue(alpha, beta)
        if k == 0 { k = 1 }  // the start vector is column 0
        while alpha.count < k && alpha.count < limit {
            let j = alpha.count
            let vj = v + 2 * n * j
            cblas_zhemv(CblasRowMajor, CblasUpper, Int32(n), one, m, Int32(n), vj, 1, zero, w, 1)
            // Full reorthogonalization against v_0 … v_j (classical Gram–Schmidt, twice).
            var a = 0.0
            for _ in 0..<2 {
                cblas_zgemv(CblasColMajor, CblasConjTrans, Int32(n), Int32(j + 1), one, v, Int32(n), w, 1, zero, h, 1)
                a += h[2 * j]
                cblas_zgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(j + 1), minusOne, v, Int32(n), h, 1, one, w, 1)
            }
            alpha.append(a)
            let b = cblas_dznrm2(Int32(n), w, 1)
            let theta = largestRitzValue(alpha, beta)
            let invariant = b <= 1e-14 * max(theta, 1e-300) || j + 1 >= n
            if invariant {
                beta.append(0)
                return
            }
            beta.append(b)
            // The basis has room for `steps + 1` columns, so the next vector is always formed (a later call
            // with a higher limit continues from it).
            let next = v + 2 * n * (j + 1)
            let inv = 1 / b
            for i in 0..<(2 * n) { next[i] = w[i] * inv }
            k = j + 2
            if theta - previous <= tolerance * theta { return }
            previous = theta
        }
    }

    /// `x = V·s` for real coefficients `s` (count = number of basis columns used), normalized, written to `out`
    /// (`n` complex); returns `out`.
    private static func combine(
        _ v: UnsafeMutablePointer<Double>, n: Int, coefficients s: [Double], into out: UnsafeMutablePointer<Double>
    ) -> UnsafeMutablePointer<Double> {
        for i in 0..<(2 * n) { out[i] = 0 }
        for (j, c) in s.enumerated() where c != 0 {
            let column = v + 2 * n * j
            for i in 0..<(2 * n) { out[i] += c * column[i] }
        }
        var norm2 = 0.0
        for i in 0..<(2 * n) { norm2 += out[i] * out[i] }
        let inv = norm2 > 0 ? 1 / norm2.squareRoot() : 0
        for i in 0..<(2 * n) { out[i] *= inv }
        return out
    }

    /// `xᴴMx / xᴴx` for the Hermitian `M` (row-major upper triangle).
    private static func rayleigh(
        _ m: UnsafePointer<Double>, n: Int, x: UnsafeMutablePointer<Double>, scratch y: UnsafeMutablePointer<Double>
    ) -> Double {
        let one: [Double] = [1, 0], zero: [Double] = [0, 0]
        cblas_zhemv(CblasRowMajor, CblasUpper, Int32(n), one, m, Int32(n), x, 1, zero, y, 1)
        var num = 0.0, den = 0.0
        for i in 0..<n {
            num += x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1]
            den += x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]
        }
        return den > 0 ? num / den : 0
    }

    /// The largest eigenvalue of the tridiagonal `T` (diagonal `alpha`, off-diagonal the first
    /// `alpha.count − 1` entries of `beta`) to about 10⁻¹² relative, by bisection on Sturm counts inside the
    /// Gershgorin interval (a few hundred operations for the sizes here, cheaper than LAPACK's set-up). Only
    /// steers the stopping rule: no bound rests on it.
    static func largestRitzValue(_ alpha: [Double], _ beta: [Double]) -> Double {
        let k = alpha.count
        guard k > 1 else { return alpha.first ?? 0 }
        var lo = Double.infinity, hi = -Double.infinity
        for i in 0..<k {
            let r = (i > 0 ? abs(beta[i - 1]) : 0) + (i < k - 1 ? abs(beta[i]) : 0)
            lo = min(lo, alpha[i] - r)
            hi = max(hi, alpha[i] + r)
        }
        lo = max(lo, alpha.max()!)  // λ_max ≥ every diagonal entry
        let scale = max(abs(lo), abs(hi), Double.leastNormalMagnitude)
        while hi - lo > 1e-12 * scale {
            let x = lo + (hi - lo) / 2
            guard x > lo && x < hi else { break }
            // Eigenvalues below x: negative pivots of the LDLᵀ factorization of T − xI.
            var below = 0
            var q = alpha[0] - x
            if q < 0 { below += 1 }
            for i in 1..<k {
                if q == 0 { q = Double.ulpOfOne * scale }
                q = (alpha[i] - x) - beta[i - 1] * beta[i - 1] / q
                if q < 0 { below += 1 }
            }
            if below == k { hi = x } else { lo = x }
        }
        return hi
    }

    /// The largest eigenvalue of `T` and its unit eigenvector (LAPACK `dstevr`, one eigenpair).
    private static func topRitzPair(
        _ alpha: [Double], _ beta: [Double], d: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>
    ) -> (value: Double, vector: [Double]) {
        let k = alpha.count
        if k == 1 { return (alpha[0], [1]) }
        for i in 0..<k { d[i] = alpha[i] }
        for i in 0..<(k - 1) { e[i] = beta[i] }
        e[k - 1] = 0
        var found: Int32 = 0
        var w = [Double](repeating: 0, count: k)
        var z = [Double](repeating: 0, count: k)
        var support = [Int32](repeating: 0, count: 2 * k)
        let info = LAPACKE_dstevr(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "I")), Int32(k), d, e, 0, 0, Int32(k),
            Int32(k), 0, &found, &w, &z, Int32(k), &support)
        precondition(info == 0 && found == 1, "dstevr failed with info \(info)")
        return (w[0], z)
    }
}
