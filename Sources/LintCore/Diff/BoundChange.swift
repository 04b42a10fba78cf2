/// How one certified upper bound moved from OLD to NEW: both values (`nil` where unknown), their ratio and
/// whether they count as equal.
///
/// The ratio `after / before` is a ratio of two certified upper bounds. It says how much the certificate
/// loosened or tightened; it is not itself a bound on the ratio of the true Lipschitz constants.
public struct BoundChange: Sendable, Hashable {
    /// Two bounds are equal when `|after − before| ≤ relativeTolerance · max(|before|, |after|)`: 1e-9, far
    /// below every figure's own tolerance (the asymptotic certificate stops at a 1e-3 relative gap), so only
    /// floating-point noise of recomputing the same layer counts as equal — a renamed but otherwise identical
    /// layer is `unchanged`, a layer whose weights moved in the 6th significant digit is `changed`.
    public static let relativeTolerance = 1e-9

    public var before: Double?
    public var after: Double?

    public init(before: Double?, after: Double?) {
        self.before = before
        self.after = after
    }

    /// `after / before` when both are known and `before > 0`; `nil` otherwise (never an invented number:
    /// growth from 0 has no finite ratio).
    public var ratio: Double? {
        guard let before, let after, before > 0 else { return nil }
        return after / before
    }

    /// Whether both are known and equal within `relativeTolerance` (two zeros are equal).
    public var isUnchanged: Bool {
        guard let before, let after else { return false }
        return abs(after - before) <= Self.relativeTolerance * max(abs(before), abs(after))
    }

    /// Whether both are known and `after` exceeds `maxRatio · before` (so growth from 0 to anything positive
    /// counts, without dividing by 0).
    public func grew(beyond maxRatio: Double) -> Bool {
        guard let before, let after, !isUnchanged else { return false }
        return after > maxRatio * before
    }
}
