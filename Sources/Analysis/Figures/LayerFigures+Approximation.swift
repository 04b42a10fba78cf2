import SpectralKit

extension LayerFigures {
    /// A conv layer's `approximation` figure (`--bounds all`): approximate singular values of the zero-padded
    /// layer at its input size. An estimate: no guarantee either way (docs/approximation-accuracy.md).
    public struct Approximation: Sendable, Equatable, Codable {
        /// The largest approximate singular value (dimensionless); an estimate.
        public var max: Double
        /// The smallest approximate singular value; an estimate.
        public var min: Double
        /// The sampling grid of the spectral density (`ApproximationGrid`'s name).
        public var grid: String
        /// How many of the top values are Lanczos values (exact to the Lanczos tolerance).
        public var exactTop: Int
        /// Every approximate singular value, descending, when kept (`--singular-values`).
        public var singularValues: [Double]?

        public init(max: Double, min: Double, grid: String, exactTop: Int, singularValues: [Double]? = nil) {
            self.max = max
            self.min = min
            self.grid = grid
            self.exactTop = exactTop
            self.singularValues = singularValues
        }

        /// The figure of `a`, keeping the singular values when `keepValues`.
        init(_ a: ApproximationFigure, keepValues: Bool) {
            self.init(
                max: a.singularValues.first ?? 0, min: a.singularValues.last ?? 0, grid: a.grid.rawValue,
                exactTop: a.exactTop, singularValues: keepValues ? a.singularValues : nil)
        }
    }
}
