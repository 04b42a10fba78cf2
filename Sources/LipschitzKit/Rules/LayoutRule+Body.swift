import ONNXModel

/// Rules for operators that move, select or copy elements: identity-like ops have factor 1, copies have
/// `√(largest number of copies of one element)`.
extension LayoutRule {
    /// The rule when `node` is a layout operator, else `nil`.
    func layoutRule(_ node: Node) -> [OutputRule]? {
        let op = node.opType
        guard let data = node.input(0) else {
            switch op {
            case "Identity", "Dropout", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Split",
                "Cast", "Concat", "Gather", "Tile", "Expand", "SpaceToDepth", "DepthToSpace", "CastLike":
                return op == "Concat" ? [concatRule(node)] : unknown(node, "\(op) has no data input")
            default: return nil
            }
        }
        let range = self.range(data)
        switch op {
        case "Identity", "Dropout":
            // Inference-mode Dropout is the identity; its optional mask does not depend on the input's values.
            let out = mapChannels(data, to: node.outputs.first) { $0 }
            return node.outputs.enumerated().map { $0.offset == 0 ? scaled(node, data, 1, out) : .independent(.unit) }
        case "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Slice", "SpaceToDepth", "DepthToSpace":
            if let rule = structuralInputCheck(node) { return [rule] }
            return [scaled(node, data, 1, range)]
        case "Split":
            if let rule = structuralInputCheck(node) { return node.outputs.map { _ in rule } }
            return node.outputs.map { _ in scaled(node, data, 1, range) }
        case "Cast", "CastLike":
            let target: ElementType?
            if op == "Cast" {
                target = int(node, "to").flatMap { ElementType(rawValue: Int32(truncatingIfNeeded: $0)) }
            } else {
                target = node.input(1).flatMap { constants.tensor($0)?.elementType }
            }
            guard let target else { return unknown(node, "\(op) target type is unknown") }
            guard target.isFloatingPoint else {
                return [.unknown("\(op) to \(target) rounds an input-dependent value (discontinuous)", .unbounded)]
            }
            return [scaled(node, data, 1, range)]
        case "Concat":
            return [concatRule(node)]
        case "Gather":
            return [gatherRule(node, data: data, range: range)]
        case "Tile":
            guard let repeats = constantInts(node.input(1)), repeats.allSatisfy({ $0 >= 0 }) else {
                return unknown(node, "Tile repeats are not known at analysis time")
            }
            let copies = repeats.reduce(1) { $0 * max($1, 1) }
            return [scaled(node, data, Outward.sqrt(Double(copies)), range)]
        case "Expand":
            if let rule = structuralInputCheck(node) { return [rule] }
            guard let outShape = shape(node.outputs.first), let inShape = shape(data) else {
                return unknown(node, "Expand copies elements a number of times that depends on unknown shapes")
            }
            let outCount = outShape.reduce(1, *)
            let inCount = max(inShape.reduce(1, *), 1)
            return [scaled(node, data, Outward.sqrt(Double(max(outCount / inCount, 1))), range)]
        default:
            return nil
        }
    }

    /// `.unknown` when an operand other than the data (shape, axes, starts, indices) depends on the input:
    /// then which elements are selected changes with the input.
    func structuralInputCheck(_ node: Node) -> OutputRule? {
        for name in node.inputs.dropFirst() where isDependent(name) {
            return .unknown("its shape/index operand '\(name)' depends on the input", .unbounded)
        }
        return nil
    }

    /// Concat: `√(Σ L_j²)`. This holds for any parts, repeated ones included: the squared norm of a
    /// concatenation is the sum of its parts' squared norms, so `concat(a, a)` gets `√2·L(a)` (exact for a
    /// linear `a`), never `L(a)`.
    func concatRule(_ node: Node) -> OutputRule {
        let parts = node.inputs.filter { !$0.isEmpty }
        var range: Interval?
        for part in parts { range = range.map { $0.hull(self.range(part)) } ?? self.range(part) }
        if let output = node.outputs.first, let rank = shape(output)?.count, rank >= 3,
            (int(node, "axis") ?? 0) == 1 || (int(node, "axis") ?? 0) == 1 - rank,
            parts.contains(where: { view.recordedChannels($0) != nil })
        {
            let counts = parts.map { channelCount($0) }
            if counts.allSatisfy({ $0 != nil }) {
                let joined = zip(parts, counts).flatMap { channels(of: $0, count: $1!, rank: rank) }
                if channelCount(output) == joined.count { range = record(output, channels: joined) }
            }
        }
        if let parent = patterns.maxMinGroups[node.index] {
            // Concat(max(x, y), min(x, y)) of two disjoint halves of `parent` sorts each pair: ℓ2 1-Lipschitz
            // in the pair jointly (§7.1), one step on the path.
            let group = PathStep(node: label(node), op: "MaxMin", factor: 1)
            return .bound(.sum, [.init(source: parent, factor: 1, steps: [group])], range ?? .unbounded)
        }
        if let parent = patterns.sortingNetworks[node.index] {
            // A comparator network over disjoint parts of `parent` (GroupSort-k): 1-Lipschitz jointly (§7.1).
            let group = PathStep(node: label(node), op: "GroupSort (sorting network)", factor: 1)
            return .bound(.sum, [.init(source: parent, factor: 1, steps: [group])], range ?? .unbounded)
        }
        let terms = parts.map { OutputRule.Term(source: $0, factor: 1, steps: [step(node, 1)]) }
        return .bound(.rootSumSquare, terms, range ?? .unbounded)
    }

    /// Gather with constant indices: each selected slice is a copy, so the factor is `√(largest multiplicity
    /// of one index)`.
    func gatherRule(_ node: Node, data: String, range: Interval) -> OutputRule {
        guard let indices = node.input(1), !isDependent(indices), let values = constantInts(indices) else {
            return .unknown("Gather indices depend on the input or are not known at analysis time", .unbounded)
        }
        let axis = int(node, "axis") ?? 0
        var dataShape = shape(data)
        if let s = dataShape, axis < -s.count || axis >= s.count { dataShape = nil }
        var counts: [Int: Int] = [:]
        for v in values {
            var index = v
            if index < 0, let s = dataShape { index += s[axis < 0 ? axis + s.count : axis] }
            counts[index, default: 0] += 1
        }
        // Without the axis size a negative and a positive index may name the same slice: count both together.
        let multiplicity = dataShape == nil && values.contains(where: { $0 < 0 })
            ? values.count : (counts.values.max() ?? 1)
        return scaled(node, data, Outward.sqrt(Double(max(multiplicity, 1))), range)
    }
}
