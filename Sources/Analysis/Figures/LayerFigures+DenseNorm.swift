import SpectralKit

extension LayerFigures {
    /// A dense layer's spectral norm `|alpha|·‖W‖₂`, valid for every input (a dense layer has no spatial
    /// size). Reports show it under the `exact` key.
    public struct DenseNorm: Sendable, Equatable, Codable {
        /// The norm (dimensionless): exact by SVD (kind `exact`), or a Lanczos estimate (kind `estimate`).
        public var value: Double
        /// A guaranteed lower bound on the norm.
        public var lower: Double
        /// A certified upper bound on the norm (equal to `value` when it is exact).
        public var upper: Double
        /// What `value` is: `exact` (SVD) or `estimate` (Lanczos, above `DenseLayerFigure.lanczosThreshold`).
        public var kind: FigureKind
        /// Kind `exact` only: every singular value of `|alpha|·W` lies in this range, from the same SVD as
        /// `value` (its upper end); `nil` for a Lanczos estimate. Not reported; the weight statistics reuse it.
        public var singularValueRange: ClosedRange<Double>?

        public init(
            value: Double, lower: Double, upper: Double, kind: FigureKind, singularValueRange: ClosedRange<Double>? = nil
        ) {
            self.value = value
            self.lower = lower
            self.upper = upper
            self.kind = kind
            self.singularValueRange = singularValueRange
        }

        init(_ d: DenseLayerFigure) {
            self.init(
                value: d.value, lower: d.lower, upper: d.upper, kind: d.kind,
                singularValueRange: d.smallest.flatMap { $0 <= d.value ? $0...d.value : nil })
        }
    }
}
