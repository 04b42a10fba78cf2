import ONNXModel

/// Lookups of constants, ranges, shapes, channels and attributes used by the rules.
extension PassView {
    /// The decoded values of `name` when it is known at analysis time.
    func constantValues(_ name: String) -> [Double]? {
        guard let tensor = constants.tensor(name) else { return nil }
        return try? tensor.doubles()
    }

    /// The single value of a one-element constant.
    func scalarConstant(_ name: String) -> Double? {
        guard let tensor = constants.tensor(name), tensor.elementCount == 1 else { return nil }
        return (try? tensor.doubles())?.first
    }

    /// The range of a constant's values.
    func constantRange(_ name: String) -> Interval? {
        // FLOAT constants (every weight) are read as `Float`: the same range, half the bytes, no conversion pass.
        if let tensor = constants.tensor(name), tensor.elementType == .float {
            guard let values = try? tensor.floats(), !values.isEmpty else { return nil }
            return Interval(values: values)
        }
        guard let values = constantValues(name), !values.isEmpty else { return nil }
        return Interval(values: values)
    }

    /// The element-wise range of a value (unbounded when unknown or the name is empty).
    func range(_ name: String?) -> Interval {
        guard let name, !name.isEmpty else { return .unbounded }
        return state(name)?.range ?? .unbounded
    }

    func isDependent(_ name: String?) -> Bool {
        guard let name, !name.isEmpty else { return false }
        return state(name)?.dependsOnInput ?? false
    }

    /// Numpy broadcasting of the known shapes of `names`; `nil` when one is unknown or they do not broadcast.
    func broadcastShape(_ names: [String]) -> [Int]? {
        var result: [Int] = []
        for name in names {
            guard let s = shape(name) else { return nil }
            let rank = max(result.count, s.count)
            let a = [Int](repeating: 1, count: rank - result.count) + result
            let b = [Int](repeating: 1, count: rank - s.count) + s
            var merged: [Int] = []
            for (x, y) in zip(a, b) {
                if x == y || y == 1 { merged.append(x) } else if x == 1 { merged.append(y) } else { return nil }
            }
            result = merged
        }
        return result
    }

    /// `√r` for an operand broadcast to the output of an element-wise op, where `r` is how many times each of
    /// its elements is repeated (`count(output)/count(operand)`): the Lipschitz factor of the broadcast.
    /// 1 when the other operands are one-element constants; `nil` when shapes are unknown.
    func replicationFactor(of operand: String, among operands: [String]) -> Double? {
        let others = operands.filter { $0 != operand }
        if others.allSatisfy({ constants.tensor($0)?.elementCount == 1 }) { return 1 }
        guard let out = broadcastShape(operands), let own = shape(operand) else { return nil }
        let outCount = out.reduce(1, *)
        let ownCount = own.reduce(1, *)
        guard ownCount > 0, outCount % ownCount == 0 else { return ownCount == 0 ? 1 : nil }
        return Outward.sqrt(Double(outCount / ownCount))
    }

    // MARK: Channels (axis 1 of an N×C×… tensor)

    /// The channel count of a value (axis 1 of its static shape, rank ≥ 3).
    func channelCount(_ name: String?) -> Int? {
        guard let s = shape(name), s.count >= 3, s[1] > 0 else { return nil }
        return s[1]
    }

    /// Per-channel ranges of `name` as `count` intervals: recorded ones, a per-channel constant's values
    /// (shape `[1, C, 1, …]` or `[C, 1, …]` aligned to axis 1 of a rank-`rank` output), or the hull repeated.
    func channels(of name: String?, count: Int, rank: Int) -> [Interval] {
        guard let name, !name.isEmpty else { return [Interval](repeating: .unbounded, count: count) }
        // Recorded channels are along the value's own axis 1: usable only when it has the output's rank.
        if let recorded = recordedChannels(name), recorded.count == count, shape(name)?.count == rank { return recorded }
        if !isDependent(name), let tensor = constants.tensor(name), let values = try? tensor.doubles() {
            let dims = tensor.dims
            if values.count == 1 { return [Interval](repeating: .point(values[0]), count: count) }
            let padded = [Int](repeating: 1, count: max(rank - dims.count, 0)) + dims
            if padded.count == rank, rank >= 2, padded[1] == count,
                padded.enumerated().allSatisfy({ $0.offset == 1 || $0.element == 1 })
            {
                return values.map { .point($0) }
            }
        }
        return [Interval](repeating: range(name), count: count)
    }

    // MARK: Attributes

    func int(_ node: Node, _ name: String) -> Int? { node.attribute(name)?.int.map { Int(truncatingIfNeeded: $0) } }
    func ints(_ node: Node, _ name: String) -> [Int]? { node.attribute(name)?.ints?.map { Int(truncatingIfNeeded: $0) } }
    func float(_ node: Node, _ name: String) -> Double? { node.attribute(name)?.float.map { Double($0) } }
    func string(_ node: Node, _ name: String) -> String? { node.attribute(name)?.string }

    /// Integer values of a constant input (axes, pads, repeats), saturated.
    func constantInts(_ name: String?) -> [Int]? {
        guard let name, !name.isEmpty, let values = constantValues(name) else { return nil }
        return values.map { v in
            guard v.isFinite else { return v > 0 ? Int.max / 4 : Int.min / 4 }
            return Int(max(min(v, 1e15), -1e15))
        }
    }
}
