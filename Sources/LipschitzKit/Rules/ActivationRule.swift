import ONNXModel

/// Element-wise functions: `sup |f'|`, a constant of §6 or from the input range.
struct ActivationRule: OperatorRule {
    static let operators = [
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Tanh", "Sigmoid", "HardSigmoid", "HardSwish",
        "Softplus", "Softsign", "Clip", "Mish", "Gelu", "Erf", "Abs", "Neg", "Sin", "Cos", "Atan", "Asinh",
        "Softmax", "LogSoftmax", "Exp", "Log", "Sqrt", "Reciprocal", "TopK",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        activationRule(node) ?? unknown(node, "no Lipschitz rule for \(node.opType)")
    }
}
