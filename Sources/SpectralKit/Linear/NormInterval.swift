/// An enclosure `[lower, upper]` of a non-negative quantity (a spectral norm), with both ends guaranteed
/// up to the documented floating-point safety margins of the routine that produced it.
public struct NormInterval: Sendable, Hashable, Codable {
    /// A guaranteed lower bound.
    public var lower: Double
    /// A guaranteed upper bound.
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The degenerate interval `[value, value]` (used for quantities known exactly, such as 0).
    public init(exactly value: Double) {
        self.init(lower: value, upper: value)
    }

    /// The interval of `max(x, y)` for `x` in `self`, `y` in `other`.
    public func maximum(_ other: NormInterval) -> NormInterval {
        NormInterval(lower: max(lower, other.lower), upper: max(upper, other.upper))
    }

    /// The enclosure of `√λ` from a computed eigenvalue `λ̂` with absolute error at most `margin`.
    static func squareRootOf(eigenvalue lambda: Double, margin: Double) -> NormInterval {
        NormInterval(lower: max(0, lambda - margin).squareRoot(), upper: max(0, lambda + margin).squareRoot())
    }

    /// The enclosure of `√λ` from an enclosure `[lower, upper]` of a non-negative `λ` whose ends carry absolute
    /// errors of at most `margin` (`margin ≥ 0`).
    static func squareRootOf(enclosure e: (lower: Double, upper: Double), margin: Double) -> NormInterval {
        NormInterval(lower: max(0, e.lower - margin).squareRoot(), upper: (e.upper + margin).squareRoot())
    }
}
