import SpectralKit

extension LayerFigures {
    /// A conv layer's `closedForm` figure: one-line certified upper bounds on `σ∞`, each valid for every input
    /// size and padding (dimensionless).
    public struct ClosedForm: Sendable, Equatable, Codable {
        /// `Σ_τ ‖K_τ‖₂` over the taps: a certified upper bound.
        public var triangle: Double
        /// `‖A‖₂` with `A[o, i] = Σ_τ |K[o, i, τ]|`: a certified upper bound.
        public var blockNorm: Double
        /// `√(‖A‖₁ · ‖A‖∞)`: a certified upper bound.
        public var schur: Double
        /// `√(kh·kw) · ‖K‖_F`: a certified upper bound.
        public var frobenius: Double

        public init(triangle: Double, blockNorm: Double, schur: Double, frobenius: Double) {
            self.triangle = triangle
            self.blockNorm = blockNorm
            self.schur = schur
            self.frobenius = frobenius
        }

        init(_ c: ClosedFormBounds) {
            self.init(triangle: c.triangle, blockNorm: c.blockNorm, schur: c.schur, frobenius: c.frobenius)
        }
    }
}
