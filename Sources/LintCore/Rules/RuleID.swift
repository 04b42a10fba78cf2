/// A rule's stable identity: a code `LIPnnn` that never changes meaning, and a kebab-case name. Both are
/// accepted wherever a rule is named (configuration, `--select`, `liplint:ignore`, `liplint explain`).
public struct RuleID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `LIP001`, ...
    public var code: String
    /// `layer-spectral-norm`, ...
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }

    /// Whether `text` names this rule (by code, case-insensitively, or by name).
    public func matches(_ text: String) -> Bool {
        text.uppercased() == code || text == name
    }

    /// `LIP001 layer-spectral-norm`.
    public var description: String { "\(code) \(name)" }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.code < rhs.code }
}
