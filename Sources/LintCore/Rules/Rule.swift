import Analysis

/// A lint rule: a pure function from an analysed model (and the rule's options, which may differ per node)
/// to violations. Rules never do I/O, never print, and never compute spectral numerics themselves: they read
/// `ModelAnalysis`. Severity, overrides, `off` and suppressions are applied by the `Linter`, not by rules.
public protocol Rule: Sendable {
    /// The rule's identity, default severity, options and documentation.
    var descriptor: RuleDescriptor { get }

    /// Every violation in `input.analysis`.
    func check(_ input: RuleInput) -> [Violation]
}

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
}
