/// The outcome of `GolubKahanLanczos.topSingularValues`.
public struct LanczosResult: Sendable, Hashable {
    /// The top Ritz values, descending: each is ≤ the corresponding singular value of the operator
    /// (interlacing), and equal to it within `errorEstimates` when `converged`.
    public let values: [Double]
    /// Residual-based error estimates of `values` (absolute, same units): `min(r, r²/gap)` with `r` the Ritz
    /// residual and `gap` the distance to the next Ritz value less its residual. An estimate, not a bound.
    public let errorEstimates: [Double]
    /// `‖A x‖/‖x‖` recomputed for the top Ritz vector `x`: a guaranteed lower bound on `‖A‖₂` (up to the
    /// rounding of one product, ~1e-15 relative).
    public let lower: Double
    /// Operator applications (pairs `A v`, `Aᵀ u`) used.
    public let iterations: Int
    /// Whether every wanted value met the tolerance (or an invariant subspace was found).
    public let converged: Bool
}
