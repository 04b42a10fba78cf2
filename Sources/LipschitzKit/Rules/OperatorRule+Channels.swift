import ONNXModel

/// Per-channel ranges (axis 1 of an N×C×… tensor): much tighter than one range per tensor once
/// BatchNormalization gains differ between channels. Rules that know them return them in their outcome;
/// `range(_:)` stays the hull over channels.
extension OperatorRule {
    /// Notes per-channel ranges for `output` in the findings and returns their hull (intersected with
    /// `fallback`).
    @discardableResult
    func record(_ output: String?, channels: [Interval], fallback: Interval = .unbounded) -> Interval {
        guard let output, !output.isEmpty, let first = channels.first else { return fallback }
        findings.channelRanges[output] = channels
        return channels.dropFirst().reduce(first) { $0.hull($1) }.clamped(to: fallback)
    }

    /// Applies `transform` channel by channel from `input` to `output` when the input has recorded channel
    /// ranges and the output keeps the channel axis; returns the output's hull. Otherwise transforms the hull.
    func mapChannels(_ input: String, to output: String?, _ transform: (Interval) -> Interval) -> Interval {
        if let recorded = view.recordedChannels(input), let output, channelCount(output) == recorded.count {
            return record(output, channels: recorded.map(transform))
        }
        return transform(range(input))
    }

    /// Per-channel ranges of an element-wise op's output: `combine` applied to the operands' channel ranges
    /// (broadcast per-channel constants and gates included). `nil` when the output has no channel axis.
    func elementwiseChannels(_ node: Node, _ operands: [String], _ combine: ([Interval]) -> Interval) -> Interval? {
        guard let output = node.outputs.first, let count = channelCount(output), let rank = shape(output)?.count,
            operands.contains(where: { view.recordedChannels($0) != nil })
        else { return nil }
        let perOperand = operands.map { channels(of: $0, count: count, rank: rank) }
        let combined = (0..<count).map { c in combine(perOperand.map { $0[c] }) }
        return record(output, channels: combined)
    }
}
