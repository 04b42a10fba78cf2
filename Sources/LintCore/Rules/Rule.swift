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
}

extension Rule {
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .standard }
}
