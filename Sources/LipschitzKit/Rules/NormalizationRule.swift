import ONNXModel

/// Normalization operators divide by a data-dependent norm (§6): unknown, with that reason.
struct NormalizationRule: OperatorRule {
    static let operators = [
        "LayerNormalization", "GroupNormalization", "InstanceNormalization", "LpNormalization",
        "MeanVarianceNormalization",
    ]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        pass.unknown(node, "\(node.opType) divides by a data-dependent norm; no global Lipschitz rule")
    }
}
