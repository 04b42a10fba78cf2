/// The `embedding` figure (docs/spectral-methods §2): `‖C_N‖₂`, the norm of the circular convolution of
/// the polyphase kernel `K'` on the smallest grid `N1 × N2` that provably contains the zero-padded layer at
/// input size `input` (`EmbeddingGrid`), max over groups. Kind `upper`: a guaranteed upper bound on
/// `‖T_n‖₂` for this input size only (not for other sizes), computed exactly: the largest SVD value over the
/// grid frequencies (an SVD wherever a Cholesky test on the Gram matrix cannot prove the frequency below the
/// largest so far; `SymbolSampler.extremeSingularValues`).
public struct EmbeddingFigure: Sendable, Hashable, Codable {
    /// The bound (dimensionless operator norm).
    public let upper: Double
    /// The circulant grid `N1 × N2` (in the polyphase domain).
    public let grid: Size2D
    /// The input size the bound holds for.
    public let input: Size2D
    /// Each group's own bound, in group order (`upper` is their max): certified upper bounds on the groups'
    /// norms at this size, which `ConvolutionSpec.exactNorm` uses to skip groups that cannot hold the norm.
    public let groupUppers: [Double]

    public static let kind = FigureKind.upper
}
