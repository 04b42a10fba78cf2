/// Where a configuration value came from, printed by `liplint check --show-config`.
public enum Origin: Sendable, Hashable, CustomStringConvertible {
    /// The rule's documented default (or liplint's built-in default).
    case builtIn
    /// A shipped preset (`rules/NAME.yml`) at a line.
    case preset(name: String, line: Int)
    /// A configuration file at a line.
    case file(path: String, line: Int)
    /// A command-line option.
    case commandLine(String)

    /// Whether the value was given on the command line.
    public var isCommandLine: Bool {
        if case .commandLine = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .builtIn: return "built-in default"
        case .preset(let name, let line): return "preset \(name) (rules/\(name).yml:\(line))"
        case .file(let path, let line): return "\(path):\(line)"
        case .commandLine(let option): return "command line \(option)"
        }
    }
}

/// A value with its origin.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var origin: Origin

    public init(_ value: Value, _ origin: Origin) {
        self.value = value
        self.origin = origin
    }
}
