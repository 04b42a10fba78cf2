/// The per-model allowance of folded elements (see `FoldingLimits`), shared by all scopes.
final class FoldingBudget {
    let limits: FoldingLimits
    private(set) var used = 0

    init(limits: FoldingLimits) { self.limits = limits }

    /// Whether a folded tensor of `count` elements is allowed; charges it when it is.
    func charge(_ count: Int) -> Bool {
        guard count <= limits.maxElements, used + count <= limits.maxTotalElements else { return false }
        used += count
        return true
    }

    /// Whether an output of `count` elements could be allowed (checked before allocating it).
    func allows(_ count: Int) -> Bool { count <= limits.maxElements && used + count <= limits.maxTotalElements }
}
