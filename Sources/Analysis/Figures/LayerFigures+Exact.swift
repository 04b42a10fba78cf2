import SpectralKit

extension LayerFigures {
    /// A conv layer's `exact` figure: `‖T_n‖₂` of the zero-padded operator at the layer's input size, by
    /// Golub–Kahan–Lanczos. Exact to the relative `tolerance` when `converged`, an estimate otherwise; never a
    /// certificate. Holds for the input size only.
    public struct Exact: Sendable, Equatable, Codable {
        /// The norm (dimensionless); exact to `tolerance` when `converged`.
        public var value: Double
        /// A guaranteed lower bound on the norm (the best attained `‖Tx‖/‖x‖`).
        public var lower: Double
        /// Lanczos steps spent (summed over groups).
        public var iterations: Int
        /// The relative tolerance requested.
        public var tolerance: Double
        /// Whether every group met the tolerance.
        public var converged: Bool

        public init(value: Double, lower: Double, iterations: Int, tolerance: Double, converged: Bool) {
            self.value = value
            self.lower = lower
            self.iterations = iterations
            self.tolerance = tolerance
            self.converged = converged
        }

        init(_ e: ExactFigure) {
            self.init(value: e.value, lower: e.lower, iterations: e.iterations, tolerance: e.tolerance, converged: e.converged)
        }

        /// What `value` is: `exact` when Lanczos converged, `estimate` otherwise.
        public var kind: FigureKind { converged ? .exact : .estimate }
    }
}
