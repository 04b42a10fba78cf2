/// Tuning of `SizeIndependentFigures.compute`. Every field trades time for tightness only: all reported
/// bounds stay certified whatever the values.
public struct SizeIndependentOptions: Sendable, Hashable, Codable {
    /// Target relative gap `upper/lower − 1` of `asymptotic` (default `1e-3`).
    public var tolerance: Double
    /// Work the `asymptotic` refinement may spend per layer after its initial grid, in flops at the rate of
    /// `zherk` (calibrated estimates, docs/asymptotic-certificate.md §7.1; default `2.8e10`, roughly 0.6 s of one
    /// core here). When spent, `asymptotic` reports the certified interval reached.
    public var asymptoticWork: Double
    /// Memory cap of the `gram` figure, bytes (default 256 MB).
    public var gramMemory: Double
    /// Work cap of the `gram` figure, flops (default `5e8`, shared by the groups); `gram` is `nil` when even
    /// one iteration exceeds it (a 1×1 kernel's first Gram matrix is free: `‖K‖₂` needs it anyway).
    public var gramWork: Double
    /// Largest number of Gram iterations (default 8).
    public var gramMaxIterations: Int
    /// Work cap of each of the `R1`, `R2`, `R4` reshape norms of `fantasticFour`, flops (default `1e10`);
    /// `R3` is always computed.
    public var reshapeWork: Double

    public init(
        tolerance: Double = 1e-3, asymptoticWork: Double = 2.8e10, gramMemory: Double = 256e6,
        gramWork: Double = 5e8, gramMaxIterations: Int = 8, reshapeWork: Double = 1e10
    ) {
        precondition(tolerance > 0 && asymptoticWork >= 0 && gramMemory > 0 && gramWork >= 0)
        precondition(gramMaxIterations >= 1 && reshapeWork >= 0)
        self.tolerance = tolerance
        self.asymptoticWork = asymptoticWork
        self.gramMemory = gramMemory
        self.gramWork = gramWork
        self.gramMaxIterations = gramMaxIterations
        self.reshapeWork = reshapeWork
    }

    /// The defaults.
    public static let standard = SizeIndependentOptions()

    /// A preset for `--bounds fast` on large models: under a tenth of the defaults' search work, a fifth of
    /// the Gram work, a quarter of the reshape work (measured in docs/asymptotic-certificate.md). Small layers still reach
    /// the tolerance; the largest report a wider, still certified, `asymptotic` interval, and may have no
    /// `gram` figure.
    public static let fast = SizeIndependentOptions(asymptoticWork: 2.5e9, gramWork: 1e8, reshapeWork: 2.5e9)
}
