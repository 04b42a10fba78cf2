/// The lowest severity that makes `liplint check` exit 1 (`fail-on`, `--fail-on`); `never` never fails.
public enum FailLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case error
    case warning
    case note
    case never

    /// Whether a finding of `severity` reaches this level.
    public func isReached(by severity: Severity) -> Bool {
        switch self {
        case .never: return false
        case .error: return severity >= .error
        case .warning: return severity >= .warning
        case .note: return true
        }
    }
}
