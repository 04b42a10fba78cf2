import SpectralKit

extension LayerFigures {
    /// A conv layer's `gram` figure: the spatial Gram-iteration certified upper bound on `σ∞`, valid for every
    /// input size and padding.
    public struct Gram: Sendable, Equatable, Codable {
        /// The certified upper bound (dimensionless).
        public var upper: Double
        /// Gram iterations performed.
        public var iterations: Int

        public init(upper: Double, iterations: Int) {
            self.upper = upper
            self.iterations = iterations
        }

        init(_ g: GramIterationBound) {
            self.init(upper: g.upper, iterations: g.iterations)
        }
    }
}
