internal import CLAPACK

/// Certified enclosures of the largest singular value `‖A‖₂` of a real matrix.
///
/// Method: the Gram matrix on the smaller side (`dsyrk`) and its largest eigenvalue by LAPACK's `dsyevr`
/// (`range = 'I'`). Cost `≈ n²·k + 10·n³` flops for an `n × k` matrix with `n ≤ k`, versus `≈ 4·n²·k` for a
/// full `dgesdd` (it was 2–3× faster here at `n = 512`).
///
/// Floating-point margin: forming the Gram matrix perturbs it by at most `γ_k·‖ |A| |A|ᵀ ‖₂ ≤ k·u·‖A‖_F²`,
/// and the symmetric eigensolver is backward stable with error `O(n·u·‖G‖₂) ≤ O(n·u·‖A‖_F²)`
/// (`u` the unit roundoff). The interval is `√(λ̂ ∓ m)` with `m = 2·(k + 10·n + 10)·u·‖A‖_F²`, a
/// documented safety margin (standard first-order error bounds with a factor-2 cushion), not a formal proof.
public enum RealSpectralNorm {
    /// `‖A‖₂` of a row-major `rows × cols` matrix. Thread-safe (own workspaces).
    public static func of(_ a: [Double], rows: Int, cols: Int) -> NormInterval {
        precondition(rows > 0 && cols > 0 && a.count == rows * cols)
        return a.withUnsafeBufferPointer { of($0.baseAddress!, rows: rows, cols: cols, squaredSum: squaredSum($0)) }
    }

    /// `Σ x²` over `a` in index order: the `‖A‖_F²` that `of` uses (the same additions in the same order,
    /// so callers that accumulate it while writing the matrix get the same bits).
    static func squaredSum(_ a: UnsafeBufferPointer<Double>) -> Double {
        var frob2 = 0.0
        for x in a { frob2 += x * x }
        return frob2
    }

    /// `‖A‖₂` of a row-major `rows × cols` matrix at `a` whose `squaredSum` is given.
    static func of(_ a: UnsafePointer<Double>, rows: Int, cols: Int, squaredSum frob2: Double) -> NormInterval {
        precondition(rows > 0 && cols > 0)
        let n = min(rows, cols), k = max(rows, cols)
        if frob2 == 0 { return NormInterval(exactly: 0) }
        let u = Double.ulpOfOne / 2
        let margin = 2 * Double(k + 10 * n + 10) * u * frob2
        if n == 1 {
            // A vector: its Euclidean norm, summed directly.
            return NormInterval.squareRootOf(eigenvalue: frob2, margin: 2 * Double(k + 2) * u * frob2)
        }
        // The Gram matrix goes straight into the eigensolver's padded buffer (its lower triangle stays 0).
        let eigenvalue = PaddedEigensolver.largestSymmetric(n: n) { gram(a, rows: rows, cols: cols, into: $0) }
        return NormInterval.squareRootOf(eigenvalue: eigenvalue, margin: margin)
    }

    /// The same enclosure, and the Gram matrix it was computed from (`n × n`, `n = min(rows, cols)`, upper
    /// triangle row-major as `gram(_:rows:cols:into:)` writes it, lower triangle 0), for callers that need
    /// that matrix again (`SpatialGramIteration` on a 1×1 kernel); `nil` when no Gram matrix was formed (a
    /// vector or a zero matrix). The enclosure is bit for bit `of(_:rows:cols:squaredSum:)`'s.
    static func withGram(
        _ a: UnsafePointer<Double>, rows: Int, cols: Int, squaredSum frob2: Double
    ) -> (norm: NormInterval, gram: [Double]?) {
        let n = min(rows, cols), k = max(rows, cols)
        guard n > 1, frob2 != 0 else { return (of(a, rows: rows, cols: cols, squaredSum: frob2), nil) }
        let g = gramMatrix(a, rows: rows, cols: cols)
        let norm = g.withUnsafeBufferPointer { fromGram($0.baseAddress!, n: n, k: k, squaredSum: frob2) }
        return (norm, g)
    }

    /// The Gram matrix as `gram(_:rows:cols:into:)` writes it, in a new zeroed `n × n` array.
    static func gramMatrix(_ a: UnsafePointer<Double>, rows: Int, cols: Int) -> [Double] {
        let n = min(rows, cols)
        return [Double](unsafeUninitializedCapacity: n * n) { g, count in
            g.baseAddress!.initialize(repeating: 0, count: n * n)
            gram(a, rows: rows, cols: cols, into: g.baseAddress!)
            count = n * n
        }
    }

    /// `‖A‖₂` from a Gram matrix of `A` already formed (`n × n` upper triangle row-major, lower triangle 0,
    /// `n = min(rows, cols) > 1`, `k = max(rows, cols)`, `frob2 = ‖A‖_F²`), with the margin of
    /// `of(_:rows:cols:squaredSum:)` — bit for bit its result when the matrix is the one `gram` writes. The
    /// margin also covers a Gram matrix summed from the Gram matrices of column blocks of `A` (`AAᵀ =
    /// Σ_τ A_τA_τᵀ`, `k` columns in all): each entry is then the same `k` products added in another order,
    /// with at most `k` roundings.
    static func fromGram(_ g: UnsafePointer<Double>, n: Int, k: Int, squaredSum frob2: Double) -> NormInterval {
        precondition(n > 1 && k >= n)
        if frob2 == 0 { return NormInterval(exactly: 0) }
        let u = Double.ulpOfOne / 2
        let margin = 2 * Double(k + 10 * n + 10) * u * frob2
        let eigenvalue = PaddedEigensolver.largestSymmetric(n: n) { $0.update(from: g, count: n * n) }
        return NormInterval.squareRootOf(eigenvalue: eigenvalue, margin: margin)
    }

    /// The upper triangle of `AAᵀ` (`rows ≤ cols`) or `AᵀA` into the row-major `n × n` buffer `g`
    /// (`n = min(rows, cols)`), by one `dsyrk`; the strict lower triangle is not written.
    static func gram(_ a: UnsafePointer<Double>, rows: Int, cols: Int, into g: UnsafeMutablePointer<Double>) {
        let n = min(rows, cols), k = max(rows, cols)
        if rows <= cols {
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), 1, a, Int32(cols), 0, g, Int32(n))
        } else {
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), 1, a, Int32(cols), 0, g, Int32(n))
        }
    }
}
