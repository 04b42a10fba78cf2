import ONNXModel

/// Conv, ConvTranspose, Gemm, MatMul (`NetworkPass+Linear`): the caller's certified figure, or the figure
/// of the recognised segment or circular convolution the node belongs to (`GraphPatterns`).
struct LinearLayerRule: OperatorRule {
    static let operators = ["Conv", "ConvTranspose", "Gemm", "MatMul"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        node.opType.hasPrefix("Conv") ? [pass.convRule(node)] : [pass.denseRule(node)]
    }
}
