import Analysis

/// What a rule reads: the analysis of one model and its options for a given node.
public struct RuleInput: Sendable {
    public var analysis: ModelAnalysis
    let resolver: SettingResolver

    public init(analysis: ModelAnalysis, resolver: SettingResolver) {
        self.analysis = analysis
        self.resolver = resolver
    }

    /// The rule's options for the node (or output) named `node`: defaults, then the configuration chain,
    /// then every `overrides:` entry whose globs match `node`, in file order. `nil` gives the model-wide options.
    public func options(for node: String?) -> OptionValues { resolver.options(for: node) }

    /// Whether the rule is on for the node (or output) named `node` (the `Linter` drops violations elsewhere).
    public func isEnabled(for node: String?) -> Bool { resolver.isEnabled(for: node) }
}
