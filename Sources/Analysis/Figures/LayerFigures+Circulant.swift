import SpectralKit

extension LayerFigures {
    /// A conv layer's `circulant` figure: the singular values of the layer with wrap-around padding at its
    /// input size. An estimate for the zero-padded layer (it can be below its norm), exact for the
    /// wrap-around one.
    public struct Circulant: Sendable, Equatable, Codable {
        /// The largest singular value (dimensionless); an estimate.
        public var max: Double
        /// The smallest singular value; an estimate.
        public var min: Double
        /// The frequency grid `(n1/s1) × (n2/s2)`.
        public var grid: Size2D
        /// Every singular value, descending, when kept (`--singular-values`).
        public var singularValues: [Double]?

        public init(max: Double, min: Double, grid: Size2D, singularValues: [Double]? = nil) {
            self.max = max
            self.min = min
            self.grid = grid
            self.singularValues = singularValues
        }

        init(_ c: CirculantFigure) {
            self.init(max: c.max, min: c.min, grid: c.grid, singularValues: c.singularValues)
        }
    }
}
