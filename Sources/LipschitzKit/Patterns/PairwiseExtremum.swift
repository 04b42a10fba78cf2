import ONNXModel

/// A node computing the element-wise maximum or minimum of two disjoint, equally shaped parts `x`, `y` of one
/// parent (spectral-methods §7.1): `Max(x, y)`, `Min(x, y)`, or the ReLU form `y + relu(x − y)` (max) and
/// `x − relu(x − y)` (min). Per element it moves by at most `max(|Δx|, |Δy|)`, so `L(out) ≤ L(parent)`.
struct PairwiseExtremum: Hashable {
    var parent: String
    /// The two parts, unordered.
    var pair: Set<String>
    var isMax: Bool

    /// The extremum `node` computes, if it is one.
    static func match(_ node: Node, in index: GraphIndex) -> PairwiseExtremum? {
        guard node.isDefaultDomain else { return nil }
        let operands = node.inputs.filter { !$0.isEmpty }
        guard operands.count == 2 else { return nil }
        switch node.opType {
        case "Max", "Min":
            return parts(operands[0], operands[1], index).map {
                PairwiseExtremum(parent: $0, pair: Set(operands), isMax: node.opType == "Max")
            }
        case "Add":
            // y + relu(x − y), either operand order.
            for (y, r) in [(operands[0], operands[1]), (operands[1], operands[0])] {
                if let (x, dy) = reluOfDifference(r, index), dy == y, let parent = parts(x, y, index) {
                    return PairwiseExtremum(parent: parent, pair: [x, y], isMax: true)
                }
            }
            return nil
        case "Sub":
            // x − relu(x − y).
            if let (x, y) = reluOfDifference(operands[1], index), x == operands[0], let parent = parts(x, y, index) {
                return PairwiseExtremum(parent: parent, pair: [x, y], isMax: false)
            }
            return nil
        default:
            return nil
        }
    }

    /// `(x, y)` when `r = Relu(Sub(x, y))`.
    private static func reluOfDifference(_ r: String, _ index: GraphIndex) -> (String, String)? {
        guard let relu = index.producer(r, "Relu"), let d = index.producer(relu.input(0), "Sub"),
            let x = d.input(0), let y = d.input(1)
        else { return nil }
        return (x, y)
    }

    /// The common parent when `a` and `b` are disjoint parts of it with the same known shape.
    private static func parts(_ a: String, _ b: String, _ index: GraphIndex) -> String? {
        guard a != b, let pa = DisjointPart.of(a, in: index), let pb = DisjointPart.of(b, in: index),
            pa.isDisjoint(from: pb), let sa = index.shape(a), sa == index.shape(b)
        else { return nil }
        return pa.parent
    }
}
