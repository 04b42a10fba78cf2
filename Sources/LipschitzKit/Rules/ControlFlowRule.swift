import ONNXModel

/// If (branches propagated by their own passes); Loop and Scan are unknown and
/// name the operators without a rule inside their bodies.
struct ControlFlowRule: OperatorRule {
    static let operators = ["If", "Loop", "Scan"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        if node.opType == "If" { return ifRule(node) }
        let inside = Self.uncoveredOperators(inSubgraphsOf: node)
        let note = inside.isEmpty ? "" : "; inside them, operators without a bound: \(inside.joined(separator: ", "))"
        return unknown(node, "control flow (\(node.opType)) is not analysed; its subgraphs are not propagated" + note)
    }
}
