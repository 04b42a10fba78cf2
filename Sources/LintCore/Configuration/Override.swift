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
