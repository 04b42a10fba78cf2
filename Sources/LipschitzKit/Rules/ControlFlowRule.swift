import ONNXModel

/// If (branches propagated by their own passes, `NetworkPass+ControlFlow`); Loop and Scan are unknown and
/// name the operators without a rule inside their bodies.
struct ControlFlowRule: OperatorRule {
    static let operators = ["If", "Loop", "Scan"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        if node.opType == "If" { return pass.ifRule(node) }
        let inside = NetworkPass.uncoveredOperators(inSubgraphsOf: node)
        let note = inside.isEmpty ? "" : "; inside them, operators without a bound: \(inside.joined(separator: ", "))"
        return pass.unknown(node, "control flow (\(node.opType)) is not analysed; its subgraphs are not propagated" + note)
    }
}
