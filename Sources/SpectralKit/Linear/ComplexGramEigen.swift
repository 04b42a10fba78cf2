internal import CLAPACK

/// The largest eigenvalue of the Gram matrix of a complex matrix on its smaller side, i.e. `‖F‖₂²`, by
/// `zherk` + LAPACK `zheevr` (`range = 'I'`). Rows of one column (`min(rows, cols) = 1`) are summed
/// directly. The caller owns the error margin (see `SpectralDensity`).
enum ComplexGramEigen {
    /// Channel count from which `squaredNormEnclosure` uses Lanczos + Cholesky instead of the eigensolver
    /// (where the tridiagonal reduction starts to dominate; measured here).
    static let iterativeThreshold = 160
    /// Channel count from which smaller blocks (below `iterativeThreshold`) use a short Lanczos run +
    /// Cholesky (`SmallHermitianTopEigenvalue`) instead of `zheevr` when a relative width is allowed.
    static let smallIterativeThreshold = 16

    /// Enclosure of `‖F‖₂²` (no rounding margin: the caller adds it) for `F` row-major `rows × cols`,
    /// interleaved `(re, im)` pairs starting at `f`. `scratch` must hold `scratchCount(rows:cols:)` doubles.
    /// With `relativeWidth > 0` and `min(rows, cols) ≥ iterativeThreshold`, the enclosure comes from
    /// `HermitianTopEigenvalue`, and from `smallIterativeThreshold` below that from
    /// `SmallHermitianTopEigenvalue`; both are at most that wide (relatively). Otherwise it is the computed
    /// value.
    static func squaredNormEnclosure(
        _ f: UnsafePointer<Double>, rows: Int, cols: Int, scratch: UnsafeMutablePointer<Double>,
        relativeWidth: Double, knownLower: Double = 0
    ) -> (lower: Double, upper: Double) {
        let n = min(rows, cols), k = max(rows, cols)
        if n == 1 {
            var s = 0.0
            for j in 0..<(2 * k) { s += f[j] * f[j] }
            return (s, s)
        }
        formGram(f, rows: rows, cols: cols, into: scratch)
        return enclosure(gram: scratch, n: n, relativeWidth: relativeWidth, knownLower: knownLower)
    }

    /// Writes the upper triangle (row-major, interleaved) of the Gram matrix of `F` on its smaller side
    /// (`FFᴴ` when `rows ≤ cols`, else `FᴴF`; `F` row-major `rows × cols`) to `gram` (`zherk`).
    static func formGram(_ f: UnsafePointer<Double>, rows: Int, cols: Int, into gram: UnsafeMutablePointer<Double>) {
        let n = min(rows, cols), k = max(rows, cols)
        if rows <= cols {
            cblas_zherk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(k), 1, f, Int32(cols), 0, gram, Int32(n))
        } else {
            cblas_zherk(CblasRowMajor, CblasUpper, CblasConjTrans, Int32(n), Int32(k), 1, f, Int32(cols), 0, gram, Int32(n))
        }
    }

    /// Whether a Gram side `n` takes the small-block iterative path (`SmallHermitianTopEigenvalue`, with
    /// `relativeWidth > 0`): from `smallIterativeThreshold` up to `iterativeThreshold`.
    static func usesSmallIterative(side n: Int) -> Bool { n >= smallIterativeThreshold && n < iterativeThreshold }

    /// Enclosure of the largest eigenvalue of the Hermitian positive semidefinite `n × n` matrix whose upper
    /// triangle (row-major, interleaved) is at `gram` (no rounding margin; the matrix may be overwritten):
    /// `HermitianTopEigenvalue` when `relativeWidth > 0` and `n ≥ iterativeThreshold`, else the eigensolver.
    /// `knownLower`: a certified lower bound on the eigenvalue, or 0 (see `HermitianTopEigenvalue`).
    static func enclosure(
        gram: UnsafeMutablePointer<Double>, n: Int, relativeWidth: Double, knownLower: Double = 0
    ) -> (lower: Double, upper: Double) {
        if relativeWidth > 0 && n >= iterativeThreshold {
            return HermitianTopEigenvalue.enclose(
                UnsafePointer(gram), n: n, relativeWidth: relativeWidth, knownLower: knownLower)
        }
        if relativeWidth > 0 && usesSmallIterative(side: n) {
            var workspace = SmallHermitianTopEigenvalue.Workspace(n: n)
            return SmallHermitianTopEigenvalue.enclose(
                UnsafePointer(gram), n: n, relativeWidth: relativeWidth, start: nil, vector: nil, workspace: &workspace)
        }
        let l = largestEigenvalue(hermitianUpper: gram, n: n)
        return (l, l)
    }

    /// Scratch size for `squaredNormEnclosure` (with slack after the Gram matrix for BLAS kernels that read
    /// past the end of their operand).
    static func scratchCount(rows: Int, cols: Int) -> Int {
        let n = min(rows, cols)
        return 2 * n * n + 8 * n + 4096
    }

    /// The largest eigenvalue of a Hermitian `n × n` matrix given by its upper triangle (row-major,
    /// interleaved).
    static func largestEigenvalue(hermitianUpper a: UnsafeMutablePointer<Double>, n: Int) -> Double {
        PaddedEigensolver.largestHermitian(upper: a, n: n)
    }
}
