import ONNXModel

/// Resize/Upsample and Pad (`NetworkPass+Resampling`): the most copies of one input element.
struct ResamplingRule: OperatorRule {
    static let operators = ["Resize", "Upsample", "Pad"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        node.opType == "Pad" ? [pass.padRule(node)] : [pass.resizeRule(node)]
    }
}
