import ONNXModel

/// Element-wise arithmetic with numpy broadcasting (`NetworkPass+Arithmetic`), including the joint rules of
/// recognised groups (MaxMin on disjoint parts, `GraphPatterns`).
struct ArithmeticRule: OperatorRule {
    static let operators = ["Add", "Sub", "Sum", "Mean", "Max", "Min", "Mul", "Div", "Pow", "Where"]

    func outputs(of node: Node, in pass: NetworkPass) -> [OutputRule] {
        switch node.opType {
        case "Mul": return [pass.mulRule(node)]
        case "Div": return [pass.divRule(node)]
        case "Pow": return [pass.powRule(node)]
        case "Where": return [pass.whereRule(node)]
        default: return [pass.sumLikeRule(node)]
        }
    }
}
