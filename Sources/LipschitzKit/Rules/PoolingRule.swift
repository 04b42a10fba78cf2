import ONNXModel

/// Local and global pools (`NetworkPass+Pooling`).
struct PoolingRule: OperatorRule {
    static let operators = ["MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] { pass.poolRule(node) }
}
