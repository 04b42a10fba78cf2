import ONNXModel

/// Operators whose output jumps with the input (comparisons, rounding, indices): not Lipschitz, unknown.
struct DiscontinuousRule: OperatorRule {
    static let operators = [
        "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
        "ArgMax", "ArgMin", "NonZero", "Floor", "Ceil", "Round", "Sign", "ThresholdedRelu", "BitShift", "Mod",
        "QuantizeLinear",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        unknown(node, "\(node.opType) is discontinuous in its input, so the output is not Lipschitz")
    }
}
