/// Bounds that keep constant folding finite on hostile or huge models: a folded value larger than
/// `maxElements` is left unfolded (and so treated as a run-time value), and folding stops altogether once
/// `maxTotalElements` values have been produced for one model.
public struct FoldingLimits: Sendable, Hashable {
    /// Largest element count of one folded tensor (default 2^25 = 33,554,432 values, 256 MiB as `Double`).
    public var maxElements: Int
    /// Largest total element count folded per model (default 2^27).
    public var maxTotalElements: Int

    public init(maxElements: Int = 1 << 25, maxTotalElements: Int = 1 << 27) {
        self.maxElements = maxElements
        self.maxTotalElements = maxTotalElements
    }
}
