import ONNXModel

/// A node computing the element-wise maximum or minimum of two disjoint, equally shaped parts `x`, `y` of one
/// parent (spectral-methods §7.1): `Max(x, y)`, `Min(x, y)`, or the ReLU form `y + relu(x − y)` (max) and
/// `x − relu(x − y)` (min) (`ComparatorOutput`). Per element it moves by at most `max(|Δx|, |Δy|)`, so
/// `L(out) ≤ L(parent)`.
struct PairwiseExtremum: Hashable {
    var parent: String
    /// The two parts, unordered.
    var pair: Set<String>
    var isMax: Bool

    /// The extremum `node` computes, if it is one.
    static func match(_ node: Node, in index: GraphIndex) -> PairwiseExtremum? {
        guard let comparator = ComparatorOutput.of(node, in: index),
            let parent = parts(comparator.operands[0], comparator.operands[1], index)
        else { return nil }
        return PairwiseExtremum(parent: parent, pair: Set(comparator.operands), isMax: comparator.isMax)
    }

    /// The common parent when `a` and `b` are disjoint parts of it with the same known shape.
    private static func parts(_ a: String, _ b: String, _ index: GraphIndex) -> String? {
        guard a != b, let pa = DisjointPart.of(a, in: index), let pb = DisjointPart.of(b, in: index),
            pa.isDisjoint(from: pb), let sa = index.shape(a), sa == index.shape(b)
        else { return nil }
        return pa.parent
    }
}
