/// A lint rule over a pair of analysed models, an OLD and a NEW version of one model: a pure function from
/// their `ModelDiff` (and the rule's options) to violations located in NEW. Only `liplint diff` runs these
/// rules; `liplint check` lints one model at a time and never does.
///
/// A diff rule is a full catalog rule: it has a `RuleDescriptor` (listed by `liplint rules`, explained by
/// `liplint explain`, configured in `liplint.yml`), and the `Linter` applies severity, `off`, overrides and
/// `liplint:ignore` suppressions exactly as for single-model rules. Like every rule it does no I/O and no
/// numerics of its own.
public protocol DiffRule: Sendable {
    /// The rule's identity, default severity, options and documentation.
    var descriptor: RuleDescriptor { get }

    /// Every violation in `input.diff`, located in the NEW model.
    func check(_ input: DiffRuleInput) -> [Violation]
}
