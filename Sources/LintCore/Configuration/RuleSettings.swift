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

/// An `overrides:` entry: rule settings that apply to the nodes (and outputs) whose names match a glob.
public struct Override: Sendable, Hashable {
    /// Node-name globs (`*` any run of characters, `?` one character).
    public var nodes: [String]
    public var rules: [RuleID: RuleSettings]
    public var origin: Origin

    public init(nodes: [String], rules: [RuleID: RuleSettings], origin: Origin) {
        self.nodes = nodes
        self.rules = rules
        self.origin = origin
    }

    /// Whether `name` matches one of the globs.
    public func matches(_ name: String) -> Bool { nodes.contains { Glob(node: $0).matches(name) } }
}

/// An `exclude:` path glob, matched relative to the directory of the file that declared it.
public struct ExcludePattern: Sendable, Hashable {
    public var pattern: String
    /// Absolute directory the pattern is relative to.
    public var baseDirectory: String
    public var origin: Origin

    public init(pattern: String, baseDirectory: String, origin: Origin) {
        self.pattern = pattern
        self.baseDirectory = baseDirectory
        self.origin = origin
    }
}
