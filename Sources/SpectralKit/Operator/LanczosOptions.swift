/// Settings of the Golub–Kahan–Lanczos singular value solver.
public struct LanczosOptions: Sendable, Hashable {
    /// Relative tolerance: iteration stops when every wanted Ritz value's error estimate is below
    /// `tolerance · σ̃₁` (σ̃₁ the top Ritz value). Default 1e-6 (docs/spectral-methods §4).
    public var tolerance: Double
    /// Upper limit on operator applications (pairs `A v`, `Aᵀ u`); the result says when it was reached.
    public var maxIterations: Int
    /// Krylov basis size before a thick restart (memory: `basisSize · (rows + cols)` doubles, reduced
    /// automatically for very large operators). Default 40: measured against 32 (release, docs/benchmarks.md
    /// "Lanczos restart length"), 9 % fewer steps over four ResNet-shaped layers (−15 % on the 7×7 stride-2
    /// stem) for 25 % more basis memory; 48 and 64 gained little more. Does not change the stopping test.
    public var basisSize: Int
    /// Seed of the random start vector: results are reproducible bit for bit for a given thread budget.
    public var seed: UInt64
    /// Threads for the operator applications and vector updates.
    public var threads: ThreadBudget
    /// Memory cap for the two Krylov bases, in bytes (default 512 MiB).
    public var memoryLimit: Int
    /// Number of start vectors (block size). The top singular values of a real convolution come in nearly
    /// degenerate pairs (modes at `±ω`); a single start vector can converge to the lower one of a pair
    /// with a small residual. Block size 2 resolves pairs. Default 2.
    public var blockSize: Int
    /// Operators whose smaller dimension is at most this are formed explicitly (one application per
    /// column or row) and decomposed by LAPACK: exact, and cheaper than a Krylov basis of similar size.
    public var denseLimit: Int

    public init(
        tolerance: Double = 1e-6, maxIterations: Int = 5000, basisSize: Int = 40, seed: UInt64 = 0x5EED_2026,
        threads: ThreadBudget = .allProcessors, memoryLimit: Int = 512 << 20, blockSize: Int = 2,
        denseLimit: Int = 96
    ) {
        precondition(tolerance > 0 && maxIterations > 0 && basisSize >= 4)
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.basisSize = basisSize
        self.seed = seed
        self.threads = threads
        self.memoryLimit = memoryLimit
        self.blockSize = max(1, blockSize)
        self.denseLimit = denseLimit
    }
}
