/// One row of a diff: a layer of OLD matched with a layer of NEW, or a layer only one of them has.
public struct LayerDiff: Sendable, Hashable {
    /// What happened to the layer (`unknown`: the layers' `unknownReason` says why).
    public typealias Status = DiffStatus

    /// How the two sides were paired.
    public enum MatchedBy: String, Sendable, Hashable {
        /// The same qualified node name.
        case name
        /// Among the layers left unmatched by name, the next one in graph order with the same op and weight
        /// shape (a renamed node).
        case position
    }

    /// The layer in OLD (`nil`: added).
    public var before: DiffLayer?
    /// The layer in NEW (`nil`: removed).
    public var after: DiffLayer?
    /// `nil` for added and removed layers.
    public var matchedBy: MatchedBy?

    /// - Precondition: at least one side is given; `matchedBy` is given exactly when both are.
    public init(before: DiffLayer?, after: DiffLayer?, matchedBy: MatchedBy?) {
        precondition(before != nil || after != nil, "a layer diff needs a side")
        precondition((before != nil && after != nil) == (matchedBy != nil), "matchedBy names how two sides were paired")
        self.before = before
        self.after = after
        self.matchedBy = matchedBy
    }

    /// The layer as reported: NEW's, or OLD's for a removed layer.
    public var current: DiffLayer {
        if let after { return after }
        if let before { return before }
        preconditionFailure("a layer diff needs a side")
    }

    /// The node name as reported (NEW's, or OLD's for a removed layer).
    public var node: String { current.node }

    /// The op as reported (NEW's, or OLD's for a removed layer).
    public var op: String { current.op }

    /// OLD's node name when the layer was matched by position under a different name.
    public var previousNode: String? {
        guard let before, let after, before.node != after.node else { return nil }
        return before.node
    }

    /// The certified bounds before and after (`nil` on a missing side or where unknown).
    public var change: BoundChange { BoundChange(before: before?.bound, after: after?.bound) }

    public var status: Status { Status(inOld: before != nil, inNew: after != nil, change: change) }
}
