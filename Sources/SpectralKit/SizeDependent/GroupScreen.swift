/// Which groups of a grouped convolution `ConvolutionSpec.exactNorm` runs Lanczos on.
///
/// The operator is block diagonal, so `‖T_n‖₂ = max_g ‖T_{n,g}‖₂`. Lanczos first runs on the `firstRound`
/// groups with the largest certified upper bounds (each group's `embedding` bound,
/// `ConvolutionSpec.groupEmbeddingBounds`); the largest attained ratio `L` (`LanczosResult.lower`) is a lower
/// bound on the layer's norm. A group whose upper bound `U_g` is below `L` cannot hold the norm: its Ritz
/// value and its attained ratio are at most its norm, so at most `U_g < L`, below the Ritz value of the group
/// that attained `L`. Such groups are skipped; every other group
/// runs exactly as before (its own Krylov space, start vectors, stopping test and seed). Hence the figure's
/// `value` and `lower` — maxima over groups — are those of running every group, bit for bit; only the step
/// count (and `converged`, now over the groups that ran) changes.
enum GroupScreen {
    /// Relative margin of the comparison `U_g < L·(1 − margin)`: far above the rounding of an embedding bound
    /// (one SVD, ≈ 1e-15 relative) and of an attained ratio or a Ritz value (≈ 1e-15 relative).
    static let margin = 1e-9

    /// Groups in the first round, run in parallel: a fixed count, so that which groups run (and the figure's
    /// step count) does not depend on the thread budget. Two keeps both threads of a 2-group layer busy and
    /// costs one extra group's run on a depthwise layer.
    static let firstRound = 2

    /// Group indices by decreasing upper bound, ties in group order; a group with a non-finite bound first.
    static func order(_ uppers: [Double]) -> [Int] {
        uppers.indices.sorted { a, b in
            let (ua, ub) = (key(uppers[a]), key(uppers[b]))
            return ua != ub ? ua > ub : a < b
        }
    }

    /// Whether a group whose norm is at most `upper` (certified) can be left out when another group attained
    /// `lower`. Never for non-finite or negative inputs.
    static func excludes(upper: Double, lower: Double) -> Bool {
        upper.isFinite && lower.isFinite && upper >= 0 && upper < lower * (1 - margin)
    }

    private static func key(_ u: Double) -> Double { u.isFinite ? u : .infinity }
}
