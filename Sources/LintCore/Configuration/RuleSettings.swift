/// One `rules:` entry (or one rule inside an `overrides:` entry): any of severity, `off`, and options.
/// Unset fields inherit from the layer below.
public struct RuleSettings: Sendable, Hashable {
    public var severity: Located<Severity>?
    /// `false` for `off`; `true` when the entry re-enables a rule switched off below.
    public var enabled: Located<Bool>?
    public var options: [String: Located<OptionValue>]

    public init(
        severity: Located<Severity>? = nil, enabled: Located<Bool>? = nil, options: [String: Located<OptionValue>] = [:]
    ) {
        self.severity = severity
        self.enabled = enabled
        self.options = options
    }

    /// `self` with every field that `top` sets replaced by `top`'s.
    public func merged(with top: RuleSettings) -> RuleSettings {
        var result = self
        if let s = top.severity { result.severity = s }
        if let e = top.enabled { result.enabled = e }
        for (name, value) in top.options { result.options[name] = value }
        return result
    }
}
