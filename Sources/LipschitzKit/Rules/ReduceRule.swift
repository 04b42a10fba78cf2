import ONNXModel

/// Reductions over axes (`NetworkPass+Reduce`).
struct ReduceRule: OperatorRule {
    static let operators = [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceL1", "ReduceLogSumExp",
    ]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] { [pass.reduceRule(node)] }
}
