import ONNXModel

/// Conv, ConvTranspose, Gemm, MatMul: the caller's certified figure, or the figure of the recognised segment,
/// folded input scale or circular convolution the node belongs to (`GraphPatterns`).
struct LinearLayerRule: OperatorRule {
    static let operators = ["Conv", "ConvTranspose", "Gemm", "MatMul"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        node.opType.hasPrefix("Conv") ? [convRule(node)] : [denseRule(node)]
    }
}
