import ONNXModel

/// The rule of one operator family (docs/network-bound.md, "Rules"). For a node of one of its `operators`,
/// whose inputs the pass has all propagated, the rule is made with the pass's read-only `PassView` and the
/// node's `RuleFindings`, and `outputs(of:)` gives one `OutputRule` per node output; `outcome(of:in:)` returns
/// them with the findings as a `RuleOutcome`, which only the pass records. A rule never writes another
/// value's state. An operator without a rule makes `L` unknown with a reason — never a silent factor 1.
protocol OperatorRule: PassReading, SendableMetatype {
    /// The default-domain operator types this rule answers for.
    static var operators: [String] { get }
    var findings: RuleFindings { get }
    init(view: PassView, findings: RuleFindings)
    /// One `OutputRule` per node output.
    func outputs(of node: Node) -> [OutputRule]
    /// The rule applied to `node`: its outputs' rules and what it learned on the way.
    static func outcome(of node: Node, in view: PassView) -> RuleOutcome
}

extension OperatorRule {
    static func outcome(of node: Node, in view: PassView) -> RuleOutcome {
        let findings = RuleFindings()
        let outputs = Self(view: view, findings: findings).outputs(of: node)
        return RuleOutcome(
            outputs: outputs, channelRanges: findings.channelRanges, unfoldedLayerBound: findings.unfoldedLayerBound)
    }

    /// Every output unknown for the same reason.
    func unknown(_ node: Node, _ reason: String) -> [OutputRule] {
        node.outputs.map { _ in .unknown(reason, .unbounded) }
    }

    /// `L(out) ≤ factor·L(source)` with the node as the one path step.
    func scaled(_ node: Node, _ source: String, _ factor: Double, _ range: Interval) -> OutputRule {
        .bound(.sum, [.init(source: source, factor: factor, steps: [step(node, factor)])], range)
    }
}
