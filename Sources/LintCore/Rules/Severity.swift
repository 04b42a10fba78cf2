/// How serious a finding is. Ordered: `note < warning < error`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

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
