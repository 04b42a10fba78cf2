import ONNXModel

/// Local and global pools.
struct PoolingRule: OperatorRule {
    static let operators = ["MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] { poolRule(node) }
}
