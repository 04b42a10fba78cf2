/// The outcome of `GolubKahanLanczos.topSingularValues`.
public struct LanczosResult: Sendable, Hashable {
    /// The top Ritz values, descending: each is ≤ the corresponding singular value of the operator
    /// (interlacing), and equal to it within `errorEstimates` when `converged`.
    public let values: [Double]
    /// Residual-based error estimates of `values` (absolute, same units as the values): the cluster-robust
    /// Kato–Temple-type estimate of `GolubKahanLanczos.errorEstimates` on the Gram eigenvalues, converted
    /// by `δσ = δλ/(2σ)`. An estimate, not a bound; measured to be 100–1000× pessimistic on large
    /// convolutions (the true error at tolerance 1e-6 is typically ~1e-8).
    public let errorEstimates: [Double]
    /// `‖A x‖/‖x‖` recomputed for the top Ritz vector `x`: a guaranteed lower bound on `‖A‖₂` (up to the
    /// rounding of one product, ~1e-15 relative).
    public let lower: Double
    /// Steps used, each one application of `A` and one of `Aᵀ` (for the explicit path: the applications
    /// that formed the matrix, plus one).
    public let iterations: Int
    /// Whether every wanted value met the tolerance (or an invariant subspace was found).
    public let converged: Bool
}
