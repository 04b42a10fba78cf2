import ONNXModel

/// A value that is a disjoint part of `parent` (spectral-methods §7.1): an output of a `Split`, or a `Slice`
/// of one contiguous range on one axis. Two parts of one parent are disjoint when they are different outputs
/// of one Split, or non-overlapping ranges on the same axis.
struct DisjointPart: Hashable {
    enum Key: Hashable {
        case split(node: Int, position: Int)
        case range(axis: Int, start: Int, end: Int)
    }

    var parent: String
    var key: Key

    /// Whether `self` and `other` share no element of their common parent.
    func isDisjoint(from other: DisjointPart) -> Bool {
        guard parent == other.parent else { return false }
        switch (key, other.key) {
        case let (.split(n1, p1), .split(n2, p2)): return n1 == n2 && p1 != p2
        case let (.range(a1, s1, e1), .range(a2, s2, e2)): return a1 == a2 && (e1 <= s2 || e2 <= s1)
        default: return false
        }
    }

    /// The part `name` is, when its producer is a Split or a one-axis unit-step Slice with constant bounds.
    static func of(_ name: String, in index: GraphIndex) -> DisjointPart? {
        guard let node = index.producer(name), let data = node.input(0) else { return nil }
        switch node.opType {
        case "Split":
            guard let position = node.outputs.firstIndex(of: name) else { return nil }
            return DisjointPart(parent: data, key: .split(node: node.index, position: position))
        case "Slice":
            guard let shape = index.shape(data) else { return nil }
            let starts, ends: [Int]?
            var axes: [Int]?
            var steps: [Int]?
            if node.inputs.count > 1 {
                starts = index.ints(node.input(1))
                ends = index.ints(node.input(2))
                axes = node.input(3).map { index.ints($0) } ?? nil
                if node.input(3) != nil && axes == nil { return nil }
                steps = node.input(4).map { index.ints($0) } ?? nil
                if node.input(4) != nil && steps == nil { return nil }
            } else {
                starts = index.attributeInts(node, "starts")
                ends = index.attributeInts(node, "ends")
                axes = index.attributeInts(node, "axes")
            }
            guard let starts, let ends, starts.count == 1, ends.count == 1 else { return nil }
            guard (steps ?? [1]) == [1] else { return nil }
            var axis = (axes ?? [0]).first ?? 0
            if axis < 0 { axis += shape.count }
            guard axis >= 0, axis < shape.count else { return nil }
            let n = shape[axis]
            func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + n : v, 0), n) }
            let start = clamp(starts[0]), end = clamp(ends[0])
            guard start < end else { return nil }
            return DisjointPart(parent: data, key: .range(axis: axis, start: start, end: end))
        default:
            return nil
        }
    }
}
