import ONNXModel

/// Normalization operators divide by a data-dependent norm (§6): unknown, with that reason.
struct NormalizationRule: OperatorRule {
    static let operators = [
        "LayerNormalization", "GroupNormalization", "InstanceNormalization", "LpNormalization",
        "MeanVarianceNormalization",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        unknown(node, "\(node.opType) divides by a data-dependent norm; no global Lipschitz rule")
    }
}
