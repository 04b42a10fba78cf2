import ONNXModel

/// Recurrent layers: unknown (their state makes the bound sequence-dependent).
struct RecurrentRule: OperatorRule {
    static let operators = ["LSTM", "GRU", "RNN"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        unknown(node, "recurrent layer \(node.opType) has no rule (its state makes the bound sequence-dependent)")
    }
}
