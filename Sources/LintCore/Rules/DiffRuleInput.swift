/// What a `DiffRule` reads: the comparison of two analysed models and its options for a given node of NEW.
public struct DiffRuleInput: Sendable {
    public var diff: ModelDiff
    let resolver: SettingResolver

    public init(diff: ModelDiff, resolver: SettingResolver) {
        self.diff = diff
        self.resolver = resolver
    }

    /// The rule's options for the node (or output) of NEW named `node`: defaults, then the configuration
    /// chain, then every matching `overrides:` entry. `nil` gives the model-wide options.
    public func options(for node: String?) -> OptionValues { resolver.options(for: node) }
}
