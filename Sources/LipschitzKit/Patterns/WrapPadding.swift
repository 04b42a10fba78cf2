import ONNXModel

/// A value that is `source` padded with wrap-around on the spatial axes of an NCHW tensor (spectral-methods
/// §7.2): `Pad(mode=wrap)` with constant pads, or the exporters' `Concat(x[..., n−p_b:], x, x[..., :p_e])`
/// on H and/or W (nested in either order). `begin`/`end` are the pads on (H, W).
struct WrapPadding: Hashable {
    var source: String
    var begin: [Int]
    var end: [Int]

    /// The wrap padding `name` is, if any (`depth` bounds the nesting of Concat forms).
    static func of(_ name: String, in index: GraphIndex, depth: Int = 0) -> WrapPadding? {
        guard depth < 4, let node = index.producer(name) else { return nil }
        switch node.opType {
        case "Pad": return pad(node, index)
        case "Concat": return concat(node, index, depth: depth)
        default: return nil
        }
    }

    private static func pad(_ node: Node, _ index: GraphIndex) -> WrapPadding? {
        guard node.attribute("mode")?.string == "wrap", let x = node.input(0), let shape = index.shape(x),
            shape.count == 4, node.input(3) == nil
        else { return nil }
        guard let pads = node.input(1).map({ index.ints($0) }) ?? index.attributeInts(node, "pads"), pads.count == 8,
            pads.allSatisfy({ $0 >= 0 }), pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0,
            pads[2] <= shape[2], pads[6] <= shape[2], pads[3] <= shape[3], pads[7] <= shape[3]
        else { return nil }
        return WrapPadding(source: x, begin: [pads[2], pads[3]], end: [pads[6], pads[7]])
    }

    private static func concat(_ node: Node, _ index: GraphIndex, depth: Int) -> WrapPadding? {
        let parts = node.inputs.filter { !$0.isEmpty }
        guard parts.count == 2 || parts.count == 3, let outShape = index.shape(node.outputs.first), outShape.count == 4,
            var axis = index.attributeInt(node, "axis")
        else { return nil }
        if axis < 0 { axis += 4 }
        guard axis == 2 || axis == 3 else { return nil }
        // The middle part is the unpadded tensor: the one that is not a Slice of another part.
        let middles = parts.filter { part in
            !parts.contains { other in other != part && DisjointPart.of(part, in: index)?.parent == other }
        }
        guard middles.count == 1, let middle = middles.first, let shape = index.shape(middle), shape.count == 4 else {
            return nil
        }
        let n = shape[axis]
        let position = parts.firstIndex(of: middle)!
        var begin = 0, end = 0
        for (offset, part) in parts.enumerated() where offset != position {
            guard let slice = DisjointPart.of(part, in: index), slice.parent == middle,
                case .range(let a, let start, let stop) = slice.key, a == axis
            else { return nil }
            if offset < position {
                guard stop == n, offset == position - 1 else { return nil }
                begin = n - start
            } else {
                guard start == 0, offset == position + 1 else { return nil }
                end = stop
            }
        }
        var inner = WrapPadding.of(middle, in: index, depth: depth + 1)
            ?? WrapPadding(source: middle, begin: [0, 0], end: [0, 0])
        let slot = axis - 2
        guard inner.begin[slot] == 0, inner.end[slot] == 0 else { return nil }
        inner.begin[slot] = begin
        inner.end[slot] = end
        return inner
    }
}
