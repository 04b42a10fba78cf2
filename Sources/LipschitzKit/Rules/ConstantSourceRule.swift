import ONNXModel

/// Values that do not depend on the input's values (`Shape`/`Size` read only its static shape): `L = 0`.
struct ConstantSourceRule: OperatorRule {
    static let operators = [
        "Constant", "Shape", "Size", "ConstantOfShape", "Range", "EyeLike", "RandomNormal", "RandomUniform",
        "RandomNormalLike", "RandomUniformLike",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        node.outputs.map { constantRange($0).map(OutputRule.independent) ?? .independent(.unbounded) }
    }
}
