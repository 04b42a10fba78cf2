/// The `approximation` figure (docs/spectral-methods §5): all singular values of the zero-padded layer
/// `T_n` at input size `input`, approximated by the singular values of the spectral density on `grid`
/// (union over groups; `min(rows, cols)` values, padded with zeros or trimmed at the bottom), with the top
/// `exactTop` replaced by Lanczos values (exact to the Lanczos tolerance). Kind `estimate` (no guarantee);
/// its measured accuracy is in docs/approximation-accuracy.md.
public struct ApproximationFigure: Sendable, Hashable, Codable {
    /// Descending, `min(rows, cols)` values.
    public let singularValues: [Double]
    public let grid: ApproximationGrid
    /// How many of the top values are exact Lanczos values.
    public let exactTop: Int
    /// The input size it describes.
    public let input: Size2D

    public static let kind = FigureKind.estimate
    /// The grid chosen from the measurements in docs/approximation-accuracy.md.
    public static let defaultGrid = ApproximationGrid.sine
    /// The default size limit on `c_in·n1·n2`.
    public static let defaultLimit = 1 << 20
}
