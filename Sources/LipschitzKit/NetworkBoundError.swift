/// Why the network pass refused its options. Each message is one line naming the fix.
public enum NetworkBoundError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `wrt` names a value that is not a run-time input of the main graph.
    case unknownWrtInput(name: String, available: [String])
    /// An input range is given for a value that is not a run-time input of the main graph.
    case unknownRangeInput(name: String, available: [String])
    /// An input range with a bound that is not finite.
    case invalidRange(name: String, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case .unknownWrtInput(let name, let available):
            return "--wrt names '\(name)', but the model's run-time inputs are: \(Self.list(available))"
        case .unknownRangeInput(let name, let available):
            return "--input-range names '\(name)', but the model's run-time inputs are: \(Self.list(available))"
        case .invalidRange(let name, let lower, let upper):
            return "--input-range for '\(name)' is [\(lower), \(upper)]; give finite bounds lo,hi with lo ≤ hi"
        }
    }

    private static func list(_ names: [String]) -> String { names.isEmpty ? "(none)" : names.joined(separator: ", ") }
}
