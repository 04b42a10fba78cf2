import LipschitzKit

/// One graph output's whole-network Lipschitz bound in OLD and NEW (`network.outputs[].upper`, a certified
/// upper bound, ℓ2, per sample), matched by output name.
public struct OutputDiff: Sendable, Hashable {
    /// What happened to the output (`unknown`: an op blocks the certificate; `blockingOps` says which).
    public typealias Status = DiffStatus

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

    public var status: Status { Status(inOld: before != nil, inNew: after != nil, change: change) }
}
