import SpectralKit

extension LayerFigures {
    /// A conv layer's `embedding` figure: the norm of its circulant embedding, a certified upper bound on the
    /// layer's spectral norm at its input size only.
    public struct Embedding: Sendable, Equatable, Codable {
        /// The certified upper bound (dimensionless), for the input size only.
        public var upper: Double
        /// The circulant grid `N1 × N2` (in the polyphase domain).
        public var grid: Size2D

        public init(upper: Double, grid: Size2D) {
            self.upper = upper
            self.grid = grid
        }

        init(_ e: EmbeddingFigure) {
            self.init(upper: e.upper, grid: e.grid)
        }
    }
}
