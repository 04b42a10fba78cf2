/// `‖A‖₂` without a tridiagonal reduction: the Gram matrix `Ĝ` (`dsyrk`, as `of` forms it), then
/// `SymmetricTopEigenvalue` — a Rayleigh quotient `ρ̂` of a Lanczos Ritz vector for the lower end and a
/// successful Cholesky factorization of `t·I − Ĝ` for the upper end — falling back to the eigensolver
/// (`fromGram`) when no shift factorizes.
///
/// Rounding allowances (`u` the unit roundoff, `G = AAᵀ` or `AᵀA` exact, `n × n` from `k` columns, `F² =
/// ‖A‖_F²` as summed):
/// - Gram matrix: `|Ĝ − G| ≤ γ_k·|A||A|ᵀ` entrywise, so `‖Ĝ − G‖₂ ≤ γ_k·‖A‖_F²` (any summation order, with
///   or without FMA).
/// - Upper end: forming `t·I − Ĝ` rounds only its diagonal (`≤ u·t`, as `0 ≤ ĝ_ii < t`); a successful
///   floating-point Cholesky factorization of a symmetric `B` gives `R̂ᵀR̂ = B + E`, `|E| ≤ γ_{n+1}|R̂ᵀ||R̂|`
///   (Demmel; Higham, *Accuracy and Stability*, Thm 10.3), hence `‖E‖₂ ≤ ‖R̂‖_F²·γ_{n+1} ≤ tr(B)·γ_{n+1}/(1 −
///   γ_{n+1}) ≤ n·t·(1 + u)·γ_{n+1}/(1 − γ_{n+1})`, and `B + E = R̂ᵀR̂ ≻ 0` (positive diagonal). So
///   `λ_max(Ĝ) < t·(1 + u + 1.03·n(n + 1)·u)` and `λ_max(G) < t·(1 + 2(n + 1)²·u) + 2(k + 1)·u·F²`
///   (for `n·k·u < 0.01`, so that every `γ_j ≤ 1.01·j·u` and `F²`'s own rounding is below 1 %); this is the
///   allowance `choleskyAllowance`, computed and rounded upward (`nextUp`), before the square root, which is
///   rounded up too. The factor 2 is the same cushion as `of`'s margin.
/// - Lower end: `ρ̂` is `xᵀĜx / xᵀx` up to one `dsymv` and two dot products (`≤ γ_{n+1}·|x|ᵀ|Ĝ||x| +
///   γ_n·xᵀx·ρ` relative to `xᵀx`, `‖ |Ĝ| ‖₂ ≤ (1 + γ_k)·F²`), and `xᵀGx / xᵀx ≤ λ_max(G)`; `of`'s margin
///   `2·(k + 10n + 10)·u·F²` covers these plus `γ_k·F²` for `Ĝ − G`.
///
/// The width is that of the shift above the Rayleigh quotient: `≈ η/2` relative on `‖A‖₂` (`η =
/// relativeWidth` on the eigenvalue), at most `≈ 2η` after the widened retries, plus the allowances.
extension RealSpectralNorm {
    /// The relative gap `η` of the first Cholesky shift above the top Ritz value, on `‖A‖₂²`.
    static let choleskyRelativeWidth = 4e-5

    /// The upper end `λ_max(G) <` this, for a shift `t` whose Cholesky test succeeded (see the type's notes).
    static func choleskyAllowance(shift t: Double, n: Int, k: Int, squaredSum frob2: Double) -> Double {
        let u = Double.ulpOfOne / 2
        let n1 = Double(n + 1)
        return (t * (1 + 2 * n1 * n1 * u) + 2 * Double(k + 1) * u * frob2).nextUp.nextUp
    }

    /// `‖A‖₂` of a row-major `rows × cols` matrix at `a` (squared sum `frob2`) by the Cholesky test, with the
    /// Gram matrix it used when `keepGram` (as `withGram` returns it: `nil` for a vector or zero matrix).
    /// Vectors and zero matrices take `of`'s path unchanged.
    static func byCholesky(
        _ a: UnsafePointer<Double>, rows: Int, cols: Int, squaredSum frob2: Double, keepGram: Bool
    ) -> (norm: NormInterval, gram: [Double]?) {
        let n = min(rows, cols), k = max(rows, cols)
        guard n > 1, frob2 != 0 else { return (of(a, rows: rows, cols: cols, squaredSum: frob2), nil) }
        let g = gramMatrix(a, rows: rows, cols: cols)
        let norm = g.withUnsafeBufferPointer { gp in
            fromGramByCholesky(gp.baseAddress!, n: n, k: k, squaredSum: frob2)
        }
        return (norm, keepGram ? g : nil)
    }

    /// The enclosure from a formed Gram matrix (layout of `fromGram`), falling back to `fromGram`.
    static func fromGramByCholesky(
        _ g: UnsafePointer<Double>, n: Int, k: Int, squaredSum frob2: Double,
        relativeWidth eta: Double = choleskyRelativeWidth
    ) -> NormInterval {
        guard let e = SymmetricTopEigenvalue.enclose(g, n: n, relativeWidth: eta) else {
            return fromGram(g, n: n, k: k, squaredSum: frob2)
        }
        let u = Double.ulpOfOne / 2
        let margin = 2 * Double(k + 10 * n + 10) * u * frob2
        let upper = choleskyAllowance(shift: e.shift, n: n, k: k, squaredSum: frob2).squareRoot().nextUp
        let lower = max(0, e.rayleigh - margin).squareRoot().nextDown
        return NormInterval(lower: max(0, lower), upper: upper)
    }
}
