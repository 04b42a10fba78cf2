import ONNXModel

/// Recurrent layers: unknown (their state makes the bound sequence-dependent).
struct RecurrentRule: OperatorRule {
    static let operators = ["LSTM", "GRU", "RNN"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        pass.unknown(node, "recurrent layer \(node.opType) has no rule (its state makes the bound sequence-dependent)")
    }
}
