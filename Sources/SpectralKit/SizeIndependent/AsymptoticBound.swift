/// `σ∞ = sup_ω ‖F(ω)‖₂`, the norm of the bi-infinite convolution, enclosed by a certificate
/// (docs/spectral-methods §2; proof in docs/asymptotic-certificate.md). One interval valid for **every** input
/// size and padding: `‖T_n‖₂ ≤ σ∞ ≤ upper` for all `n`, and `‖T_n‖₂ → σ∞` as `n` grows.
///
/// - `lower` (kind **`lower`**): an attained value, the largest `‖F(ω)‖₂` over the evaluated points (each
///   lowered by the eigensolver's rounding margin), so `lower ≤ σ∞`.
/// - `upper` (kind **`upper`**): the smallest of the branch-and-bound certificate (maximum over the leaf
///   cells of the smaller of "largest corner value + second-order interpolation remainder" and the
///   Bernstein form "largest corner value / (1 − Σ_j h_j²n_j²/8)", docs/asymptotic-certificate.md §3–§3.1)
///   and the other certified size-independent upper figures of the layer.
/// - `upper/lower − 1 ≤ tolerance` when `converged`; otherwise the work budget ran out and `gap` says how
///   far apart the two (both still guaranteed) ends are.
public struct AsymptoticBound: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double
    /// How the frequency domain was searched.
    public var grid: AsymptoticGrid
    /// The requested relative tolerance on `upper/lower − 1`.
    public var tolerance: Double
    /// Whether `upper/lower − 1 ≤ tolerance` was reached.
    public var converged: Bool
    /// Where `lower` was attained: a frequency on the torus of the layer's `ConvolutionSpec.polyphaseKernel`
    /// (the operator's own symbol, dilation included; for a grouped layer, of the group that attains it), in
    /// radians. `nil` when nothing was searched (a constant symbol, a zero or non-finite weight). A hint, not
    /// part of the certificate: `ConvolutionSpec.exactNorm` starts Lanczos from the plane wave there
    /// (`ExactStart.frequency`).
    public var maximizer: Frequency?

    public init(
        lower: Double, upper: Double, grid: AsymptoticGrid, tolerance: Double, converged: Bool,
        maximizer: Frequency? = nil
    ) {
        self.lower = lower
        self.upper = upper
        self.grid = grid
        self.tolerance = tolerance
        self.converged = converged
        self.maximizer = maximizer
    }

    /// The achieved relative gap `upper/lower − 1` (0 when both are 0).
    public var gap: Double { lower > 0 ? upper / lower - 1 : (upper > 0 ? .infinity : 0) }
}

/// The search behind an `AsymptoticBound`.
public struct AsymptoticGrid: Sendable, Hashable, Codable {
    /// Cells of the initial uniform grid per axis over the searched domain (`[0, π] × [−π, π]` by the
    /// symmetry `‖F(−ω)‖ = ‖F(ω)‖` of a real kernel; an axis with a single tap is not searched and counts 1).
    public var initialCells: Size2D
    /// Points at which `‖F(ω)‖₂` was computed (the evaluations of `∂²F/∂ω_j²` that sharpen the curvature
    /// constants are counted in `work` only).
    public var evaluatedPoints: Int
    /// The smallest cell widths reached, in radians, per axis (0 for an axis that is not searched).
    public var finestCell: [Double]
    /// Estimated floating-point work spent, in flops.
    public var work: Double

    public init(initialCells: Size2D, evaluatedPoints: Int, finestCell: [Double], work: Double) {
        self.initialCells = initialCells
        self.evaluatedPoints = evaluatedPoints
        self.finestCell = finestCell
        self.work = work
    }

    /// The grid of a kernel whose symbol is constant (1×1 taps): one evaluation, nothing searched.
    static let constant = AsymptoticGrid(initialCells: Size2D(1, 1), evaluatedPoints: 1, finestCell: [0, 0], work: 0)
}
