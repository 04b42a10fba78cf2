/// The set of rules a linter knows, looked up by code or name. Provided by the caller (the `LintRules`
/// target's `AllRules`), so `LintCore` never depends on concrete rules.
public struct RuleCatalog: Sendable {
    public let rules: [any Rule]

    /// - Precondition: codes and names are unique.
    public init(_ rules: [any Rule]) {
        self.rules = rules.sorted { $0.descriptor.id < $1.descriptor.id }
        precondition(Set(rules.map(\.descriptor.id.code)).count == rules.count, "duplicate rule code")
        precondition(Set(rules.map(\.descriptor.id.name)).count == rules.count, "duplicate rule name")
    }

    public var descriptors: [RuleDescriptor] { rules.map(\.descriptor) }

    /// The rule named `text` by code (`LIP001`, any case) or name (`layer-spectral-norm`).
    public func descriptor(named text: String) -> RuleDescriptor? {
        descriptors.first { $0.id.matches(text) }
    }

    public func rule(_ id: RuleID) -> (any Rule)? { rules.first { $0.descriptor.id == id } }
}
