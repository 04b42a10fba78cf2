internal import CLAPACK

/// Proves that every singular value of a complex matrix `F` lies below (or above) a threshold, without
/// computing them: the Gram matrix `G` of the smaller side (`F Fᴴ` or `Fᴴ F`, whose eigenvalues are the
/// `min(rows, cols)` squared singular values) is formed with `zherk`, and a Cholesky factorization of
/// `t·I − G` (or `G − t·I`) succeeds exactly when that matrix is positive definite (Sylvester's inertia).
/// Both steps are BLAS-3: on the shapes of ResNet-50's polyphase symbols they measured 3–5 times faster than
/// the SVD they stand in for (`zgesdd`, half of whose work is memory-bound BLAS-2).
///
/// Rounding: a successful factorization proves the bound for the *computed* Gram matrix up to its backward
/// error. `roundingAllowance` bounds the error of the Gram matrix itself (`|ΔG| ≤ γ_k |F||F|ᴴ`, so
/// `‖ΔG‖₂ ≤ k·ε·trace G`) and of the factorization (`≤ n·ε·‖·‖` per Demmel), with a factor 32 to spare.
/// Callers subtract it from their threshold. A failed test proves nothing (callers then compute the SVD).
///
/// Reads the matrix from a `ComplexSVDWorkspace` (row-major interleaved `rows × cols`) before its SVD, which
/// overwrites it. One instance per worker thread.
final class GramEigenvalueTest {
    let rows: Int, cols: Int
    /// `min(rows, cols)`: the order of the Gram matrix.
    let order: Int
    private let gram: ScratchArray<Double>
    private let factor: ScratchArray<Double>
    /// `trace G = ‖F‖_F²` of the Gram matrix currently held.
    private(set) var trace = 0.0

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        order = min(rows, cols)
        // Slack after every buffer OpenBLAS reads (see `ComplexSVDWorkspace`).
        let slack = 8 * max(rows, cols) + 4096
        gram = ScratchArray(count: 2 * order * order + slack, zero: 0)
        factor = ScratchArray(count: 2 * order * order + slack, zero: 0)
    }

    /// Forms `G` (lower triangle, column-major) from the row-major interleaved `rows × cols` matrix `f`.
    ///
    /// The buffer read column-major is `A = Fᵀ` (`cols × rows`, leading dimension `cols`). For `rows ≤ cols`
    /// this computes `Aᴴ A = conj(F Fᴴ)`, otherwise `A Aᴴ = conj(Fᴴ F)`: the complex conjugate of a
    /// Hermitian matrix has the same eigenvalues.
    func formGram(from f: UnsafePointer<Double>) {
        let n = order
        let byRows = rows <= cols
        let k = byRows ? cols : rows
        f.withMemoryRebound(to: liplint_complex_double.self, capacity: rows * cols) { a in
            gram.base.withMemoryRebound(to: liplint_complex_double.self, capacity: n * n) { g in
                cblas_zherk(
                    CblasColMajor, CblasLower, byRows ? CblasConjTrans : CblasNoTrans, Int32(n), Int32(k), 1, a,
                    Int32(cols), 0, g, Int32(n))
            }
        }
        var t = 0.0
        for i in 0..<n { t += gram.base[2 * (i * n + i)] }
        trace = t
    }

    /// An absolute allowance (in the units of `G`, i.e. squared singular values) that covers the rounding
    /// errors of forming `G` and of factorizing a shifted `G`, and of an SVD of `F` (`≈ p(n)·ε·‖F‖`),
    /// with a wide margin.
    var roundingAllowance: Double {
        32 * Double(rows + cols) * Double.ulpOfOne * trace
    }

    /// Whether Cholesky proves every eigenvalue of the held `G` below `t` (`t·I − G` positive definite).
    func provesAllBelow(_ t: Double) -> Bool {
        guard t.isFinite, t > 0 else { return false }
        return factorizes(sign: -1, shift: t)
    }

    /// Whether Cholesky proves every eigenvalue of the held `G` above `t` (`G − t·I` positive definite).
    func provesAllAbove(_ t: Double) -> Bool {
        guard t.isFinite, t >= 0 else { return false }
        return factorizes(sign: 1, shift: -t)
    }

    /// Attempts the Cholesky factorization of `sign·G + shift·I` (`ShiftedCholesky`).
    private func factorizes(sign: Double, shift: Double) -> Bool {
        ShiftedCholesky.factorizes(UnsafePointer(gram.base), n: order, sign: sign, shift: shift, work: factor.base)
    }
}
