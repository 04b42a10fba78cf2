/// The notes one rule application takes besides its output rules (the channel ranges it learns on the way,
/// the unfolded layer bound); created for one node by `OperatorRule.outcome(of:in:)` and returned inside the
/// `RuleOutcome`, never shared between nodes.
final class RuleFindings {
    var channelRanges: [String: [Interval]] = [:]
    var unfoldedLayerBound: Double?? = nil
}
