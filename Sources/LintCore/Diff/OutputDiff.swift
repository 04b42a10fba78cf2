import LipschitzKit

/// One graph output's whole-network Lipschitz bound in OLD and NEW (`network.outputs[].upper`, a certified
/// upper bound, ℓ2, per sample), matched by output name.
public struct OutputDiff: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Known in both, different beyond `BoundChange.relativeTolerance`.
        case changed
        /// Known in both and equal.
        case unchanged
        /// Only NEW has this output.
        case added
        /// Only OLD has this output.
        case removed
        /// In both, but unknown in one or both (an op blocks the certificate; `blockingOps` says which).
        case unknown
    }

    /// The output's value name.
    public var name: String
    /// OLD's bound for the output (`nil`: OLD has no such output).
    public var before: OutputBound?
    /// NEW's bound for the output (`nil`: NEW has no such output).
    public var after: OutputBound?

    public init(name: String, before: OutputBound?, after: OutputBound?) {
        self.name = name
        self.before = before
        self.after = after
    }

    /// The certified bounds (`nil` where missing or unknown).
    public var change: BoundChange { BoundChange(before: before?.upper, after: after?.upper) }

    public var status: Status {
        guard let before else { return .added }
        guard let after else { return .removed }
        guard before.upper != nil, after.upper != nil else { return .unknown }
        return change.isUnchanged ? .unchanged : .changed
    }
}
