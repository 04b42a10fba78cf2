import ONNXModel

/// Element-wise arithmetic with numpy broadcasting, including the joint rules of recognised groups (MaxMin on
/// disjoint parts, SLL residuals, `GraphPatterns`).
struct ArithmeticRule: OperatorRule {
    static let operators = ["Add", "Sub", "Sum", "Mean", "Max", "Min", "Mul", "Div", "Pow", "Where"]
    let view: PassView
    let findings: RuleFindings

    func outputs(of node: Node) -> [OutputRule] {
        switch node.opType {
        case "Mul": return [mulRule(node)]
        case "Div": return [divRule(node)]
        case "Pow": return [powRule(node)]
        case "Where": return [whereRule(node)]
        default: return [sumLikeRule(node)]
        }
    }
}
