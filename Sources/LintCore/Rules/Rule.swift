/// A lint rule: a pure function from an analysed model (and the rule's options, which may differ per node)
/// to violations. Rules never do I/O, never print, and never compute spectral numerics themselves: they read
/// `ModelAnalysis`. Severity, overrides, `off` and suppressions are applied by the `Linter`, not by rules.
public protocol Rule: Sendable {
    /// The rule's identity, default severity, options and documentation.
    var descriptor: RuleDescriptor { get }

    /// Every violation in `input.analysis`.
    func check(_ input: RuleInput) -> [Violation]

    /// The figures `check` reads with `options` (one node's): `liplint check` computes the union over the
    /// enabled rules and nothing else. A rule must name every figure it reads, or it sees it missing; the
    /// default, for rules that do not say, is everything `--bounds standard` computes.
    func figuresRead(with options: OptionValues) -> FigureNeeds

    /// The layers of `input.analysis` computed at the fast search effort (`LayerAnalysis.effort`) whose
    /// violation of this rule could differ in an analysis at the standard effort, or `nil` when there are
    /// none. `check` without `--bounds` recomputes them (and the network bound) and runs the rule on the
    /// result; a rule that reads no size-independent figure, or whose verdicts do not depend on their
    /// tightness, keeps the default (`nil`).
    func refinement(_ input: RuleInput) -> RefinementRequest?
}

extension Rule {
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .standard }
    public func refinement(_ input: RuleInput) -> RefinementRequest? { nil }
}
