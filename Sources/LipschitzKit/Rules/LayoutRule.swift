import ONNXModel

/// Operators that move, select or copy elements: permutations and selections have
/// factor 1, copies `√(largest number of copies of one element)`.
struct LayoutRule: OperatorRule {
    static let operators = [
        "Identity", "Dropout", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Split", "Cast",
        "CastLike", "Concat", "Gather", "Tile", "Expand", "SpaceToDepth", "DepthToSpace",
    ]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        layoutRule(node) ?? unknown(node, "no Lipschitz rule for \(node.opType)")
    }
}
