import ONNXModel

/// Per-channel ranges (axis 1 of an N×C×… tensor): much tighter than one range per tensor once
/// BatchNormalization gains differ between channels. Rules that know them record them for their output;
/// `range(_:)` stays the hull over channels.
extension NetworkPass {
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
        if let recorded = channelRanges[name], recorded.count == count, shape(name)?.count == rank { return recorded }
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

    /// Records per-channel ranges for `output` and returns their hull (intersected with `fallback`).
    @discardableResult
    func record(_ output: String?, channels: [Interval], fallback: Interval = .unbounded) -> Interval {
        guard let output, !output.isEmpty, let first = channels.first else { return fallback }
        channelRanges[output] = channels
        return channels.dropFirst().reduce(first) { $0.hull($1) }.clamped(to: fallback)
    }

    /// Applies `transform` channel by channel from `input` to `output` when the input has recorded channel
    /// ranges and the output keeps the channel axis; returns the output's hull. Otherwise transforms the hull.
    func mapChannels(_ input: String, to output: String?, _ transform: (Interval) -> Interval) -> Interval {
        if let recorded = channelRanges[input], let output, channelCount(output) == recorded.count {
            return record(output, channels: recorded.map(transform))
        }
        return transform(range(input))
    }

    /// Per-channel ranges of an element-wise op's output: `combine` applied to the operands' channel ranges
    /// (broadcast per-channel constants and gates included). `nil` when the output has no channel axis.
    func elementwiseChannels(_ node: Node, _ operands: [String], _ combine: ([Interval]) -> Interval) -> Interval? {
        guard let output = node.outputs.first, let count = channelCount(output), let rank = shape(output)?.count,
            operands.contains(where: { channelRanges[$0] != nil })
        else { return nil }
        let perOperand = operands.map { channels(of: $0, count: count, rank: rank) }
        let combined = (0..<count).map { c in combine(perOperand.map { $0[c] }) }
        return record(output, channels: combined)
    }
}
