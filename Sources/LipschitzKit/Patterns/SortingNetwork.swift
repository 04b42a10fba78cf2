import ONNXModel

/// GroupSort over groups of more than two written as a comparator network (spectral-methods §7.1): a Concat
/// whose inputs, after undoing each comparator — a maximum and a minimum of equally shaped `u`, `v` that are
/// both inputs at that stage, each written as `Max`/`Min` or in the ReLU form (`ComparatorOutput`) — are
/// distinct, pairwise disjoint parts of one parent. Each comparator
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

    /// Two lanes that are the maximum and the minimum (`ComparatorOutput`: Max/Min nodes or the ReLU form,
    /// in any mix) of the same two distinct, equally shaped operands.
    private static func comparator(in lanes: [String], _ index: GraphIndex) -> (pair: Set<String>, operands: [String])? {
        for lane in lanes {
            guard let max = comparatorOutput(lane, index), max.isMax else { continue }
            for other in lanes where other != lane {
                if let min = comparatorOutput(other, index), !min.isMax, Set(min.operands) == Set(max.operands) {
                    return ([lane, other], max.operands)
                }
            }
        }
        return nil
    }

    /// The comparator output producing `lane`, when its operands have one known shape that the lane keeps.
    private static func comparatorOutput(_ lane: String, _ index: GraphIndex) -> ComparatorOutput? {
        guard let found = ComparatorOutput.producing(lane, in: index), let shape = index.shape(found.operands[0]),
            shape == index.shape(found.operands[1]), index.shape(lane).map({ $0 == shape }) ?? true
        else { return nil }
        return found
    }
}
