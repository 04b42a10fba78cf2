import SpectralKit

extension LayerFigures {
    /// The `asymptotic` figure: a certified enclosure `lower ≤ σ∞ ≤ upper` of the norm of the bi-infinite
    /// convolution, valid for every input size and padding; `upper` is what the network bound multiplies.
    /// A dense layer's is its norm (`lower`/`upper` of `DenseNorm`), with no frequency search.
    public struct Asymptotic: Sendable, Equatable, Codable {
        /// The frequency-domain search behind a conv layer's enclosure.
        public struct Search: Sendable, Equatable, Codable {
            /// The achieved relative gap `upper/lower − 1`.
            public var gap: Double
            /// The requested relative tolerance on the gap.
            public var tolerance: Double
            /// Whether the gap reached the tolerance (both ends are guaranteed either way).
            public var converged: Bool
            /// Cells of the initial uniform grid per axis.
            public var grid: Size2D
            /// Frequencies at which `‖F(ω)‖₂` was computed.
            public var evaluatedPoints: Int

            public init(gap: Double, tolerance: Double, converged: Bool, grid: Size2D, evaluatedPoints: Int) {
                self.gap = gap
                self.tolerance = tolerance
                self.converged = converged
                self.grid = grid
                self.evaluatedPoints = evaluatedPoints
            }
        }

        /// A guaranteed lower bound on `σ∞` (dimensionless).
        public var lower: Double
        /// A certified upper bound on `σ∞`, hence on the layer's norm at every input size (dimensionless).
        public var upper: Double
        /// The search (convs); `nil` for a dense layer.
        public var search: Search?

        public init(lower: Double, upper: Double, search: Search? = nil) {
            self.lower = lower
            self.upper = upper
            self.search = search
        }

        /// Whether a standard-effort search of the same layer could decide `upper > threshold` otherwise than
        /// this enclosure does: `lower ≤ threshold < upper·(1 + tolerance)`. Below `lower`, every certified
        /// upper value exceeds the threshold (`σ∞ ≥ lower`); from `upper·(1 + tolerance)` on, a search that
        /// converges reports at most `σ∞·(1 + tolerance) ≤ upper·(1 + tolerance)` (one that stops on its work
        /// budget is taken to be no looser than a search with less budget). A dense layer's (no search) never
        /// leaves anything open: its figure does not depend on the effort.
        public func leavesOpen(_ threshold: Double) -> Bool {
            guard let search else { return false }
            return lower <= threshold && threshold < upper * (1 + search.tolerance)
        }

        init(_ a: AsymptoticBound) {
            self.init(lower: a.lower, upper: a.upper, search: Search(
                gap: a.gap, tolerance: a.tolerance, converged: a.converged, grid: a.grid.initialCells,
                evaluatedPoints: a.grid.evaluatedPoints))
        }
    }
}
