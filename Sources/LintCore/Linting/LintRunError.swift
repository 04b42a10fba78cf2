/// Why a lint run stopped before linting: a configuration or a baseline that cannot be used (exit code 2).
/// Unreadable models do not stop a run; their reports carry the error.
public enum LintRunError: Error, Sendable, Hashable, CustomStringConvertible {
    case configuration(ConfigurationError)
    case baseline(BaselineError)

    public var description: String {
        switch self {
        case .configuration(let error): return error.description
        case .baseline(let error): return error.description
        }
    }
}
