/// Pairs the layers of OLD with those of NEW and puts the pairs in report order.
///
/// 1. By qualified node name: OLD and NEW layers with the same name are paired (when a name repeats, its
///    occurrences pair up in graph order).
/// 2. Among the layers left on both sides, in graph order: each NEW layer is paired with the next OLD layer
///    (after the previous positional pair) with the identical op and weight shape. This finds renamed
///    nodes, and nodes whose generated name (`<op>_<index>`) moved because another node was added or
///    removed, without pairing layers across a reordering.
/// 3. The rest are `added` (NEW only) or `removed` (OLD only).
///
/// Report order: NEW's layer order, with each removed layer placed just before the first row whose OLD
/// layer comes after it (so it appears where it used to be).
public enum LayerMatcher {
    /// The layer diffs of `old` and `new` (each in network order) in report order.
    public static func match(old: [DiffLayer], new: [DiffLayer]) -> [LayerDiff] {
        var oldForNew = [Int?](repeating: nil, count: new.count)
        var matchedBy = [LayerDiff.MatchedBy?](repeating: nil, count: new.count)
        var oldTaken = [Bool](repeating: false, count: old.count)

        var byName: [String: [Int]] = [:]
        for (k, layer) in old.enumerated() { byName[layer.node, default: []].append(k) }
        for (n, layer) in new.enumerated() {
            guard var queue = byName[layer.node], !queue.isEmpty else { continue }
            let o = queue.removeFirst()
            byName[layer.node] = queue
            oldForNew[n] = o
            matchedBy[n] = .name
            oldTaken[o] = true
        }

        let unmatchedOld = old.indices.filter { !oldTaken[$0] }
        var next = 0
        for n in new.indices where oldForNew[n] == nil {
            let candidates = unmatchedOld[next...]
            guard let found = candidates.firstIndex(where: { o in
                !oldTaken[o] && old[o].op == new[n].op && old[o].weightShape == new[n].weightShape
            }) else { continue }
            let o = unmatchedOld[found]
            oldForNew[n] = o
            matchedBy[n] = .position
            oldTaken[o] = true
            next = found + 1
        }

        var rows: [LayerDiff] = []
        var removed = old.indices.filter { !oldTaken[$0] }[...]
        for n in new.indices {
            if let o = oldForNew[n] {
                while let r = removed.first, r < o {
                    rows.append(LayerDiff(before: old[r], after: nil, matchedBy: nil))
                    removed = removed.dropFirst()
                }
                rows.append(LayerDiff(before: old[o], after: new[n], matchedBy: matchedBy[n]))
            } else {
                rows.append(LayerDiff(before: nil, after: new[n], matchedBy: nil))
            }
        }
        rows += removed.map { LayerDiff(before: old[$0], after: nil, matchedBy: nil) }
        return rows
    }
}
