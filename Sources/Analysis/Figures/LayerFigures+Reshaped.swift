import SpectralKit

extension LayerFigures {
    /// The `reshaped` figure: `‖R3‖₂`, the weight reshaped to `cout × (cin·kh·kw)`. For a conv layer it is
    /// *not* a bound (up to `√(kh·kw)` below the norm); for a dense layer it is the layer's norm itself.
    public struct Reshaped: Sendable, Equatable, Codable {
        /// The value (dimensionless).
        public var value: Double
        /// `notABound` for a conv layer; a dense layer's norm kind (`exact` or `estimate`).
        public var kind: FigureKind

        public init(value: Double, kind: FigureKind) {
            self.value = value
            self.kind = kind
        }
    }
}
