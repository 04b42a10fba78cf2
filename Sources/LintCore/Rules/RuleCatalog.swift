/// The set of rules a linter knows, looked up by code or name. Provided by the caller (the `LintRules`
/// target's `AllRules`), so `LintCore` never depends on concrete rules.
///
/// Two kinds share one namespace of codes and names: `rules` read one analysed model (`liplint check`),
/// `diffRules` read the comparison of two (`liplint diff`). Everything that lists, documents or configures
/// rules goes through `descriptors`, which holds both.
public struct RuleCatalog: Sendable {
    /// Single-model rules, in code order.
    public let rules: [any Rule]
    /// Rules over an OLD/NEW pair of models, in code order.
    public let diffRules: [any DiffRule]

    /// - Precondition: codes and names are unique across both kinds.
    public init(_ rules: [any Rule], diffRules: [any DiffRule] = []) {
        self.rules = rules.sorted { $0.descriptor.id < $1.descriptor.id }
        self.diffRules = diffRules.sorted { $0.descriptor.id < $1.descriptor.id }
        let ids = rules.map(\.descriptor.id) + diffRules.map(\.descriptor.id)
        precondition(Set(ids.map(\.code)).count == ids.count, "duplicate rule code")
        precondition(Set(ids.map(\.name)).count == ids.count, "duplicate rule name")
    }

    /// Every rule's descriptor (both kinds), in code order.
    public var descriptors: [RuleDescriptor] {
        (rules.map(\.descriptor) + diffRules.map(\.descriptor)).sorted { $0.id < $1.id }
    }

    /// The rule named `text` by code (`LIP001`, any case) or name (`layer-spectral-norm`).
    public func descriptor(named text: String) -> RuleDescriptor? {
        descriptors.first { $0.id.matches(text) }
    }

    /// The single-model rule `id` (`nil` for a diff rule).
    public func rule(_ id: RuleID) -> (any Rule)? { rules.first { $0.descriptor.id == id } }

    /// The diff rule `id` (`nil` for a single-model rule).
    public func diffRule(_ id: RuleID) -> (any DiffRule)? { diffRules.first { $0.descriptor.id == id } }
}
