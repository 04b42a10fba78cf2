/// What happened to a layer or a graph output between OLD and NEW.
public enum DiffStatus: String, Sendable, Hashable, CaseIterable {
    /// In both, and the certified bound differs beyond `BoundChange.relativeTolerance`.
    case changed
    /// In both, with equal certified bounds.
    case unchanged
    /// Only in NEW.
    case added
    /// Only in OLD.
    case removed
    /// In both, but the bound is unknown in one or both.
    case unknown

    /// The status of something OLD has (`inOld`) or not, NEW has or not, whose bounds moved by `change`.
    /// - Precondition: at least one side has it.
    public init(inOld: Bool, inNew: Bool, change: BoundChange) {
        precondition(inOld || inNew, "a diff row needs a side")
        if !inOld {
            self = .added
        } else if !inNew {
            self = .removed
        } else if change.before == nil || change.after == nil {
            self = .unknown
        } else {
            self = change.isUnchanged ? .unchanged : .changed
        }
    }
}
