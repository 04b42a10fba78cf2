import ONNXModel

/// What a rule returns for one node; the pass records it (rules never write the pass's state).
struct RuleOutcome {
    /// One `OutputRule` per node output (bound terms with their critical-path steps, or why it is unknown).
    var outputs: [OutputRule]
    /// Per-channel ranges the rule learned for its outputs, by value name.
    var channelRanges: [String: [Interval]] = [:]
    /// The unfolded certified bound of the linear layer the node applies to an input-dependent value (for the
    /// naive product): `.some(nil)` when the layer has none; `nil` when the node is no such layer.
    var unfoldedLayerBound: Double?? = nil

    /// Every output unknown for the same reason.
    static func unknown(_ node: Node, _ reason: String) -> RuleOutcome {
        RuleOutcome(outputs: node.outputs.map { _ in .unknown(reason, .unbounded) })
    }
}
