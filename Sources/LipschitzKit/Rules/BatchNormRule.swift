import ONNXModel

/// BatchNormalization (inference, `NetworkPass+BatchNorm`): folded into the conv it follows when
/// `GraphPatterns` found the fold, else `max |γ/√(var+ε)|`.
struct BatchNormRule: OperatorRule {
    static let operators = ["BatchNormalization"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] { pass.batchNormRule(node) }
}
