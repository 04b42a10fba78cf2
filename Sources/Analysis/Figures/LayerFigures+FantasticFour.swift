extension LayerFigures {
    /// A conv layer's `fantasticFour` figure: Singla & Feizi's certified upper bound on `σ∞`, valid for
    /// every input size and padding.
    public struct FantasticFour: Sendable, Equatable, Codable {
        /// The certified upper bound (dimensionless).
        public var upper: Double

        public init(upper: Double) {
            self.upper = upper
        }
    }
}
