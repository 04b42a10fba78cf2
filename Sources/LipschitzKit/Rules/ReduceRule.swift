import ONNXModel

/// Reductions over axes.
struct ReduceRule: OperatorRule {
    static let operators = [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceL1", "ReduceLogSumExp",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] { [reduceRule(node)] }
}
