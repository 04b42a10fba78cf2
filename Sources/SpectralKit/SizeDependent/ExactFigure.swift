/// The `exact` figure (docs/spectral-methods §4): `‖T_n‖₂` of the true zero-padded, strided, dilated,
/// grouped operator at input size `input`, by Golub–Kahan–Lanczos. Kind `exact` to relative `tolerance`
/// when `converged`; `lower` is a certified lower bound for this input size whatever happens.
public struct ExactFigure: Sendable, Hashable, Codable {
    /// The norm (largest Ritz value; max over groups), dimensionless operator norm. Holds for `input` only.
    public let value: Double
    /// Best attained `‖Tx‖/‖x‖` (max over groups): a guaranteed lower bound on `‖T_n‖₂`.
    public let lower: Double
    /// Lanczos steps, each one application of `T` and one of `Tᵀ`, summed over the groups that ran (a grouped
    /// layer skips the groups whose certified bound is below the norm another group attained:
    /// `ConvolutionSpec.exactNorm`; 0 for a 1×1 kernel, whose norm is the weight matrix's; for tiny operators:
    /// the applications that formed the matrix).
    public let iterations: Int
    /// Relative tolerance requested.
    public let tolerance: Double
    /// Whether every group that ran met the tolerance (the skipped ones provably hold no part of the norm).
    public let converged: Bool
    /// The input size this figure holds for.
    public let input: Size2D

    public static let kind = FigureKind.exact
    /// Kind of `lower`.
    public static let lowerKind = FigureKind.lower
}
