internal import CLAPACK

/// A certified enclosure of `‖F‖₂²` for a large complex matrix `F` (given in double precision) whose upper
/// end is proven in single precision, where `cherk`, `chemv` and `cpotrf` run about twice as fast as their
/// double-precision counterparts (docs/asymptotic-certificate.md §5.2):
///
/// - `F` is scaled by a power of two `s` (exact) so that `‖sF‖_F² ∈ [1, 4)`, and rounded to `Float`: `F̂`.
/// - `Ĝ = fl(F̂F̂ᴴ)` or `fl(F̂ᴴF̂)` (the smaller side, `cherk` on chunks of 128 terms, summed), a Lanczos run on `Ĝ` in single precision
///   (`chemv`, full reorthogonalization) gives a Ritz vector `y`.
/// - lower end: the Rayleigh quotient `‖Fᴴy‖²/‖y‖²` (or `‖Fy‖²/‖y‖²`) computed in **double** precision from
///   the unscaled `F` minus its rounding bound — a lower bound on `‖F‖₂²` whatever the quality of `y`.
/// - upper end: a single-precision Cholesky factorization `R̂ᴴR̂` of `Ã = fl(σI − Ĝ)` (`cpotrf`). If it
///   succeeds, `λmax(Ĝ) < σ + ε_C·ν + 2u·max Ã_ii + τ_C` with `ν ≥ ‖|R̂|‖₂²` from the Collatz–Wielandt
///   bound of the non-negative `|R̂|` (Demmel's backward error of a successful Cholesky, entrywise form, as
///   used in Rump's verification of positive definiteness); then `‖F̂‖₂² ≤ λmax(Ĝ) + ε_G·‖F̂‖_F² + τ_G`
///   (the Gram product's rounding) and `‖sF‖₂ ≤ ‖F̂‖₂ + δ_F` (`δ_F ≥ ‖F̂ − sF‖_F`, the rounding of `F` to
///   `Float`, summed exactly in double).
///
/// `ε_C = √2·γ_{2n+4}`, `ε_G = √2·γ_{258} + √2·γ_c·(1 + √2·γ_{258})` for `c` chunks (`γ_k = k·u/(1 − k·u)`,
/// `u = 2⁻²⁴`, complex inner products as real ones of twice the length; rigorous, not first-order, bounds);
/// `τ` are underflow terms. The enclosure is
/// therefore certified but wider than the double-precision one (about 0.2 % and 0.5 % of `‖F‖₂²` for
/// `n = 256` and `512` on dense random blocks); `SpectralDensity` uses it only where that width cannot
/// change what its caller reports. `nil` when the scale is outside `[10⁻²⁵⁰, 10²⁵⁰]`, the other side exceeds
/// `100 000`, or the factorization fails: the caller then uses the double-precision path.
enum SinglePrecisionGramEnclosure {
    /// Single-precision unit roundoff.
    static let unitRoundoff = Double(Float.ulpOfOne) / 2
    /// Terms per `cherk` call of the Gram matrix (the inner products' length that the rounding bound sees).
    static let chunk = 128

    /// A Float buffer whose contents the caller writes before reading (no zeroing pass).
    private static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Enclosure `[lower, upper]` of `‖F‖₂²` (no margin for how `F` itself was computed: the caller adds it).
    /// `f`: row-major `rows × cols`, interleaved `(re, im)`. `shiftWidth`: the Cholesky shift is
    /// `lower·(1 + shiftWidth)` (callers use about `10⁻³`, well above single precision's rounding of the
    /// factorization). `shift`: for tests only, the Cholesky shift on `‖F‖₂²` itself (placed next to the true
    /// value to probe the margins).
    static func squaredNorm(
        _ f: UnsafePointer<Double>, rows: Int, cols: Int, shiftWidth: Double, shift: Double? = nil
    ) -> (lower: Double, upper: Double)? {
        let n = min(rows, cols), m = max(rows, cols)
        guard n >= 2, m <= 100_000 else { return nil }
        let ud = Double.ulpOfOne / 2, uf = unitRoundoff
        let count = 2 * rows * cols
        // ‖F‖_F² in double (non-negative terms: relative error ≤ γ_count).
        var phi = 0.0
        for i in 0..<count { phi += f[i] * f[i] }
        guard phi.isFinite else { return nil }
        if phi == 0 { return (0, 0) }
        guard phi >= 1e-250, phi <= 1e250 else { return nil }
        let phiUpper = phi * (1 + 2 * Double(count + 2) * ud)
        // s = 2^k with s²·Φ ∈ [1, 4): exact scaling.
        let k = -(phi.exponent >> 1)
        let s = Double(sign: .plus, exponent: k, significand: 1)
        let s2 = s * s
        let slack = 8 * n + 4096
        var fs = uninitialized(count + slack)
        var gram = uninitialized(2 * n * n + slack)
        // ‖F̂‖_F² and ‖F̂ − sF‖_F² in double: products of Floats are exact, and so is each rounding error
        // `sF_ij − F̂_ij` (the bits of a double below the Float grid).
        var frobeniusScaled = 0.0, roundingScaled = 0.0
        fs.withUnsafeMutableBufferPointer { fb in
            for i in 0..<count {
                let xs = f[i] * s
                let x = Float(xs)
                fb[i] = x
                frobeniusScaled += Double(x) * Double(x)
                let d = xs - Double(x)
                roundingScaled += d * d
            }
        }
        let frobeniusHat = frobeniusScaled * (1 + 2 * Double(count + 2) * ud)
        // Ĝ in chunks of `chunk` terms of the inner products (`cherk` each), summed here in a fixed order:
        // the rounding error is that of `chunk`-term inner products plus a `chunks`-term sum, not of
        // `m`-term inner products.
        let chunks = (m + chunk - 1) / chunk
        fs.withUnsafeBufferPointer { fb in
            gram.withUnsafeMutableBufferPointer { gb in
                var part = chunks > 1 ? uninitialized(2 * n * n + slack) : []
                part.withUnsafeMutableBufferPointer { pb in
                    for c in 0..<chunks {
                        let first = c * chunk, length = min(m, first + chunk) - first
                        let target = c == 0 ? gb.baseAddress! : pb.baseAddress!
                        if rows <= cols {
                            cblas_cherk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(length), 1,
                                        fb.baseAddress! + 2 * first, Int32(cols), 0, target, Int32(n))
                        } else {
                            cblas_cherk(CblasRowMajor, CblasUpper, CblasConjTrans, Int32(n), Int32(length), 1,
                                        fb.baseAddress! + 2 * first * cols, Int32(cols), 0, target, Int32(n))
                        }
                        guard c > 0 else { continue }
                        for i in 0..<n {
                            let row = 2 * (i * n + i), end = 2 * (i * n + n)
                            for x in row..<end { gb[x] += pb[x] }
                        }
                    }
                }
            }
        }
        fs = []  // no longer needed: release it before the factorization's buffers are allocated
        // Lower end: the Rayleigh quotient, in double, of the single-precision Ritz vector.
        let y = gram.withUnsafeBufferPointer { SingleHermitianLanczos.topRitzVector($0.baseAddress!, n: n) }
        guard let lowerNorm = rayleighLowerNorm(f, rows: rows, cols: cols, y: y, phiUpper: phiUpper) else { return nil }
        let lower = lowerNorm * lowerNorm
        // Upper end: single-precision Cholesky of σI − Ĝ.
        let sigma = Float((shift ?? lower * (1 + shiftWidth)) * s2).nextUp
        guard sigma.isFinite, sigma > 0 else { return nil }
        var work = uninitialized(2 * n * n + slack)
        let factor = gram.withUnsafeBufferPointer { gb in
            work.withUnsafeMutableBufferPointer { wb in
                ShiftedCholesky.factorizesSingle(gb.baseAddress!, n: n, shift: sigma, work: wb.baseAddress!)
            }
        }
        guard let maxDiagonal = factor else { return nil }
        let nu = work.withUnsafeBufferPointer { absoluteFactorNormBound($0.baseAddress!, n: n) }
        func complexGamma(_ j: Int) -> Double {
            let t = Double(j) * uf
            return 2.0.squareRoot() * t / (1 - t)
        }
        let tiny = 0x1p-149
        let epsChunk = complexGamma(2 * chunk + 2)
        let epsC = complexGamma(2 * n + 4), epsG = epsChunk + complexGamma(chunks) * (1 + epsChunk)
        let tauC = 8 * Double(n) * (2 * Double(n + 2) + maxDiagonal) * tiny
        let tauG = 4 * Double(n) * Double(m) * tiny
        let gramTop = Double(sigma) + epsC * nu + 2 * uf * maxDiagonal + tauC
        let hatTop = gramTop + epsG * frobeniusHat + tauG
        // ‖F̂ − sF‖_F, plus the double-precision underflow of `sF` when s < 1 (at most 2⁻¹⁰⁷⁴ per entry).
        let deltaF = (roundingScaled * (1 + 2 * Double(count + 2) * ud)).squareRoot() * (1 + 2 * ud)
            + Double(count).squareRoot() * 0x1p-1074
        let scaledNorm = hatTop.squareRoot() + deltaF
        let upper = scaledNorm * scaledNorm / s2 * (1 + 1e-12)
        guard upper.isFinite else { return nil }
        return (min(lower, upper), upper)
    }

    /// A lower bound on `‖F‖₂` from the Rayleigh quotient of `y` (a vector on the Gram side), in double:
    /// `z = Fᴴy` (`rows ≤ cols`) or `Fy`, computed with `|ẑ − z| ≤ √2·γ_{2k+2}·|F||y|` entrywise (`k` the
    /// summation length), so `‖z‖ ≥ ‖ẑ‖ − √2·γ_{2k+2}·‖F‖_F·‖y‖`; the two norms add a relative `γ`.
    private static func rayleighLowerNorm(
        _ f: UnsafePointer<Double>, rows: Int, cols: Int, y: [Float], phiUpper: Double
    ) -> Double? {
        let n = min(rows, cols), k = n == rows ? rows : cols
        let other = rows <= cols ? cols : rows
        let ud = Double.ulpOfOne / 2
        var yd = [Double](repeating: 0, count: 2 * n + 64)
        var yy = 0.0
        for i in 0..<(2 * n) {
            yd[i] = Double(y[i])
            yy += yd[i] * yd[i]
        }
        guard yy > 0, yy.isFinite else { return nil }
        var z = [Double](repeating: 0, count: 2 * other + 64)
        let one: [Double] = [1, 0], zero: [Double] = [0, 0]
        if rows <= cols {
            cblas_zgemv(CblasRowMajor, CblasConjTrans, Int32(rows), Int32(cols), one, f, Int32(cols), yd, 1, zero, &z, 1)
        } else {
            cblas_zgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), one, f, Int32(cols), yd, 1, zero, &z, 1)
        }
        var zz = 0.0
        for i in 0..<(2 * other) { zz += z[i] * z[i] }
        func gamma(_ j: Int) -> Double { Double(j) * ud / (1 - Double(j) * ud) }
        let yNorm = (yy * (1 + gamma(2 * n + 2))).squareRoot() * (1 + 2 * ud)
        let zNorm = (zz * (1 - gamma(2 * other + 2))).squareRoot() * (1 - 2 * ud)
        let error = 2 * 2.0.squareRoot() * gamma(2 * k + 2) * phiUpper.squareRoot() * yNorm
        let value = (zNorm - error) / yNorm * (1 - 1e-12)
        guard value.isFinite else { return nil }
        return max(0, value)
    }

    /// `ν ≥ ‖|L|‖₂²` for the lower-triangular factor `L` left by `cpotrf` in the column-major lower triangle
    /// of `factor` (`n × n` complex single precision): Collatz–Wielandt, `ρ(M) ≤ maxᵢ (Mx)ᵢ/xᵢ` for the
    /// non-negative `M = |L|ᵀ|L|` and any `x > 0`, after a few power steps. The moduli are formed in double
    /// and rounded up to `Float`; the two single-precision matrix–vector products of non-negative terms are
    /// within a relative `γ_n` each, covered with the conversions by the factor `1 + 8(n + 4)·u`.
    private static func absoluteFactorNormBound(_ factor: UnsafePointer<Float>, n: Int) -> Double {
        var a = [Float](repeating: 0, count: n * n + 8 * n + 4096)  // |L| column-major (zeros above)
        for j in 0..<n {
            for i in j..<n {
                let re = Double(factor[2 * (j * n + i)]), im = Double(factor[2 * (j * n + i) + 1])
                a[j * n + i] = Float((re * re + im * im).squareRoot()).nextUp
            }
        }
        var x = [Float](repeating: 1, count: n + 64)
        var y = [Float](repeating: 0, count: n + 64)
        var z = [Float](repeating: 0, count: n + 64)
        var bound = Double.infinity
        for step in 0..<6 {
            // y = |L| x, z = |L|ᵀ y (column-major n × n).
            cblas_sgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(n), 1, a, Int32(n), x, 1, 0, &y, 1)
            cblas_sgemv(CblasColMajor, CblasTrans, Int32(n), Int32(n), 1, a, Int32(n), y, 1, 0, &z, 1)
            var ratio = 0.0, largest: Float = 0
            for i in 0..<n {
                ratio = max(ratio, Double(z[i]) / Double(x[i]))
                largest = max(largest, z[i])
            }
            bound = min(bound, ratio)
            guard largest > 0, largest.isFinite, step < 5 else { break }
            for i in 0..<n { x[i] = max(z[i] / largest, 0x1p-20) }
        }
        return bound * (1 + 8 * Double(n + 4) * unitRoundoff) + 0x1p-100
    }
}
