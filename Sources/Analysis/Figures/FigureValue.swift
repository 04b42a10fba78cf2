/// One figure of a layer as the analysis left it: not requested (by `--bounds` or the enabled rules),
/// requested but unavailable (with a one-line reason a user can act on), or computed.
public enum FigureValue<Value: Sendable & Equatable>: Sendable, Equatable {
    /// Not part of this run's figures (`--bounds`, or no enabled rule reads it).
    case notRequested
    /// Requested, but it could not be computed; `reason` is one line.
    case unavailable(reason: String)
    /// Computed.
    case computed(Value)

    /// The computed figure; `nil` when not requested or unavailable.
    public var value: Value? {
        if case .computed(let value) = self { return value }
        return nil
    }

    /// Why the figure could not be computed; `nil` when computed or not requested.
    public var reason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }

    /// Whether the figure was asked for (computed or unavailable).
    public var isRequested: Bool {
        if case .notRequested = self { return false }
        return true
    }

    /// Whether the figure was computed.
    public var isAvailable: Bool { value != nil }

    /// The figure with `transform` applied to a computed value; the state is kept otherwise.
    public func map<Other: Sendable & Equatable>(_ transform: (Value) -> Other) -> FigureValue<Other> {
        switch self {
        case .notRequested: return .notRequested
        case .unavailable(let reason): return .unavailable(reason: reason)
        case .computed(let value): return .computed(transform(value))
        }
    }
}
