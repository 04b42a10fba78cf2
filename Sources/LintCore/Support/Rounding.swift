import SpectralKit

/// Which way a printed number may move from the value it stands for, when it is shortened to a few digits.
public enum Rounding: Sendable, Equatable {
    /// Toward +∞: the printed number is never below the value (upper bounds).
    case up
    /// Toward −∞: the printed number is never above the value (lower bounds).
    case down
    /// To the nearest printable number, ties to even (exact figures, estimates, counts, thresholds).
    case nearest

    /// The rounding a figure of this kind needs so that what is printed still guarantees what the kind says:
    /// upper bounds round up, lower bounds down, everything else to nearest.
    public init(_ kind: FigureKind) {
        switch kind {
        case .upper: self = .up
        case .lower: self = .down
        case .exact, .estimate, .notABound: self = .nearest
        }
    }
}
