import ONNXModel

/// One output of a comparator (spectral-methods §7.1): the element-wise maximum or minimum of two operands,
/// written as `Max(u, v)` / `Min(u, v)` or in the ReLU form `v + relu(u − v)` (max) and `u − relu(u − v)`
/// (min). Structural only: whether the operands are disjoint parts, or lanes of a sorting network, is for the
/// caller to check.
struct ComparatorOutput: Hashable {
    var isMax: Bool
    /// The two operands (distinct names): for the ReLU form `[u, v]` of the `relu(u − v)` it reads.
    var operands: [String]

    /// The comparator output `node` computes, if it is one.
    static func of(_ node: Node, in index: GraphIndex) -> ComparatorOutput? {
        guard node.isDefaultDomain else { return nil }
        let inputs = node.inputs.filter { !$0.isEmpty }
        guard inputs.count == 2 else { return nil }
        switch node.opType {
        case "Max", "Min":
            guard inputs[0] != inputs[1] else { return nil }
            return ComparatorOutput(isMax: node.opType == "Max", operands: inputs)
        case "Add":
            // v + relu(u − v), either operand order of the Add.
            for (v, r) in [(inputs[0], inputs[1]), (inputs[1], inputs[0])] {
                if let (u, dv) = reluOfDifference(r, index), dv == v, u != v {
                    return ComparatorOutput(isMax: true, operands: [u, v])
                }
            }
            return nil
        case "Sub":
            // u − relu(u − v).
            guard let (u, v) = reluOfDifference(inputs[1], index), u == inputs[0], u != v else { return nil }
            return ComparatorOutput(isMax: false, operands: [u, v])
        default:
            return nil
        }
    }

    /// The comparator output that produces `name`, if any.
    static func producing(_ name: String, in index: GraphIndex) -> ComparatorOutput? {
        index.producer(name).flatMap { of($0, in: index) }
    }

    /// `(u, v)` when `r = Relu(Sub(u, v))`.
    private static func reluOfDifference(_ r: String, _ index: GraphIndex) -> (String, String)? {
        guard let relu = index.producer(r, "Relu"), let d = index.producer(relu.input(0), "Sub"),
            let u = d.input(0), let v = d.input(1)
        else { return nil }
        return (u, v)
    }
}
