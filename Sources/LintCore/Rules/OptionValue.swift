/// The value of one rule option, after validation against its `OptionSpec`.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case bool(Bool)
    case string(String)
    case strings([String])
    /// An option that is unset (e.g. `budget` before the user sets one).
    case none

    public var number: Double? { if case .number(let v) = self { return v } else { return nil } }
    public var bool: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    public var string: String? { if case .string(let v) = self { return v } else { return nil } }
    public var strings: [String]? { if case .strings(let v) = self { return v } else { return nil } }

    /// The value as written in YAML (flow style for lists).
    public var description: String {
        switch self {
        case .number(let v): return OptionValue.format(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return v
        case .strings(let v): return "[" + v.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .none: return "null"
        }
    }

    /// Shortest text that reads back as the same double (`100`, `0.01`, `1e-06`).
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
