import ONNXModel

/// BatchNormalization (inference): folded into the conv it follows when `GraphPatterns` found the fold, else
/// `max |γ/√(var+ε)|`.
struct BatchNormRule: OperatorRule {
    static let operators = ["BatchNormalization"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] { batchNormRule(node) }
}
