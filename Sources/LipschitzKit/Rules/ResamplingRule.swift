import ONNXModel

/// Resize/Upsample and Pad: the most copies of one input element.
struct ResamplingRule: OperatorRule {
    static let operators = ["Resize", "Upsample", "Pad"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        node.opType == "Pad" ? [padRule(node)] : [resizeRule(node)]
    }
}
