import ONNXModel

/// GroupSort over groups of more than two written as a comparator network (spectral-methods §7.1): a Concat
/// whose inputs, after undoing each comparator — a `Max(u, v)` and a `Min(u, v)` of equally shaped `u`, `v`
/// that are both inputs at that stage — are distinct, pairwise disjoint parts of one parent. Each comparator
/// maps `(…, u, v) ↦ (…, max(u, v), min(u, v))`, which is 1-Lipschitz in ℓ2 jointly (it sorts each pair), so
/// the Concat is 1-Lipschitz in the parts and `L(concat) ≤ L(parent)`. A lane used twice at any stage (a
/// copy) fails the match.
enum SortingNetwork {
    /// The parent when `node` (a Concat) is such a network with at least one comparator; `nil` otherwise.
    static func parent(ofConcat node: Node, in index: GraphIndex) -> String? {
        var lanes = node.inputs.filter { !$0.isEmpty }
        guard lanes.count >= 2, Set(lanes).count == lanes.count else { return nil }
        var comparators = 0
        while comparators <= index.graph.nodes.count, let (pair, operands) = comparator(in: lanes, index) {
            lanes.removeAll { pair.contains($0) }
            lanes += operands
            guard Set(lanes).count == lanes.count else { return nil }
            comparators += 1
        }
        guard comparators > 0, comparators <= index.graph.nodes.count else { return nil }
        let parts = lanes.compactMap { DisjointPart.of($0, in: index) }
        guard parts.count == lanes.count else { return nil }
        for (i, part) in parts.enumerated() {
            for other in parts[(i + 1)...] where !part.isDisjoint(from: other) { return nil }
        }
        return parts[0].parent
    }

    /// Two lanes that are `Max(u, v)` and `Min(u, v)` of the same two distinct, equally shaped operands.
    private static func comparator(in lanes: [String], _ index: GraphIndex) -> (pair: Set<String>, operands: [String])? {
        for lane in lanes {
            guard let max = index.producer(lane, "Max"), let operands = operands(of: max, index) else { continue }
            for other in lanes where other != lane {
                if let min = index.producer(other, "Min"), self.operands(of: min, index).map(Set.init) == Set(operands) {
                    return ([lane, other], operands)
                }
            }
        }
        return nil
    }

    private static func operands(of node: Node, _ index: GraphIndex) -> [String]? {
        let operands = node.inputs.filter { !$0.isEmpty }
        guard operands.count == 2, operands[0] != operands[1], let shape = index.shape(operands[0]),
            shape == index.shape(operands[1]), node.outputs.count == 1, index.shape(node.outputs[0]).map({ $0 == shape }) ?? true
        else { return nil }
        return operands
    }
}
