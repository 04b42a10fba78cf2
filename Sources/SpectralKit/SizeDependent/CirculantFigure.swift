/// The `circulant` figure (docs/spectral-methods §3, Sedghi, Gupta & Long 2019): the singular values of the
/// layer with wrap-around padding at input size `input`, i.e. of `F(2πu/N1, 2πv/N2)` for the polyphase
/// kernel on the grid `N = n/s` (union over groups). Kind `estimate` for the zero-padded layer: it is *not*
/// an upper bound at the same size (`circulant-underestimates`); exact for the wrap-around layer.
public struct CirculantFigure: Sendable, Hashable, Codable {
    /// Largest singular value.
    public let max: Double
    /// Smallest singular value (of the `min(rows, cols)` listed).
    public let min: Double
    /// All singular values, descending (`min(rows, cols)` of the circular operator), when requested.
    public let singularValues: [Double]?
    /// The frequency grid `(n1/s1) × (n2/s2)`.
    public let grid: Size2D
    /// The input size it describes.
    public let input: Size2D

    public static let kind = FigureKind.estimate
}
