/// The size-independent figures of one convolution layer (docs/spectral-methods §2, §5): bounds on `σ∞`,
/// the norm of the bi-infinite convolution, which bounds the layer's norm at **every** input size and
/// padding. Each figure documents its kind; all are in the layer's units (output norm per input norm).
///
/// Computed per group on `ConvolutionSpec.canonicalKernel(group:)` (compacted by `CompactKernel`: zero
/// channels, zero border taps and zero-stuffing removed, which changes no singular value of the symbol) and
/// combined over groups by the maximum (a grouped layer is block diagonal).
public struct SizeIndependentFigures: Sendable, Hashable, Codable {
    /// `σ∞` enclosed by a certificate: `lower` (kind `lower`) and `upper` (kind `upper`).
    public var asymptotic: AsymptoticBound
    /// Closed-form bounds (kind `upper`).
    public var closedForm: ClosedFormBounds
    /// Singla & Feizi's reshape bound (kind `upper`).
    public var fantasticFour: FantasticFourBound
    /// Spatial Gram iteration (kind `upper`); `nil` when one iteration does not fit the memory and work caps
    /// (`SizeIndependentOptions.gramMemory`, `gramWork`).
    public var gram: GramIterationBound?
    /// `‖R3‖₂` (kind `not-a-bound`).
    public var reshaped: ReshapedNorm

    public init(
        asymptotic: AsymptoticBound, closedForm: ClosedFormBounds, fantasticFour: FantasticFourBound,
        gram: GramIterationBound?, reshaped: ReshapedNorm
    ) {
        self.asymptotic = asymptotic
        self.closedForm = closedForm
        self.fantasticFour = fantasticFour
        self.gram = gram
        self.reshaped = reshaped
    }

    /// The smallest certified upper bound on `σ∞` among all figures.
    public var bestUpper: Double {
        min(asymptotic.upper, closedForm.best, fantasticFour.upper, gram?.upper ?? .infinity)
    }

    /// Computes every figure for `spec` on all cores (OpenBLAS is pinned to one thread first).
    public static func compute(
        for spec: ConvolutionSpec, options: SizeIndependentOptions = .standard
    ) -> SizeIndependentFigures {
        BLASThreading.useSingleThread()
        guard let kernels = CompactKernel.groups(of: spec) else { return zero(options) }
        let norms = KernelNorms.compute(for: kernels, reshapeWorkCap: options.reshapeWork)
        var closed = ClosedFormBounds.zero
        var four = FantasticFourBound(upper: 0, reshapesUsed: [1, 2, 3, 4])
        var reshaped = 0.0
        for (k, n) in zip(kernels, norms) {
            closed = closed.maximum(ClosedFormBounds.compute(kernel: k, norms: n))
            four = four.maximum(FantasticFourBound.compute(kernel: k, norms: n))
            reshaped = max(reshaped, n.reshapes[2]!.upper)
        }
        let gram = gramBound(kernels, options)
        let otherUpper = min(closed.best, four.upper, gram?.upper ?? .infinity)
        let asymptotic = asymptoticBound(kernels, norms, options, otherUpper: otherUpper)
        return SizeIndependentFigures(
            asymptotic: asymptotic, closedForm: closed, fantasticFour: four, gram: gram,
            reshaped: ReshapedNorm(value: reshaped))
    }

    // MARK: - Pieces

    private static func gramBound(_ kernels: [StrideOneKernel], _ options: SizeIndependentOptions) -> GramIterationBound? {
        let share = options.gramWork / Double(kernels.count)
        let bounds = ParallelMap.map(count: kernels.count) { g in
            SpatialGramIteration(
                kernel: kernels[g], memoryCap: options.gramMemory, workCap: share,
                maxIterations: options.gramMaxIterations
            ).run()
        }
        var result = GramIterationBound(upper: 0, iterations: Int.max)
        for b in bounds {
            guard let b else { return nil }
            result.upper = max(result.upper, b.upper)
            result.iterations = min(result.iterations, b.iterations)
        }
        return result
    }

    private static func asymptoticBound(
        _ kernels: [StrideOneKernel], _ norms: [KernelNorms], _ options: SizeIndependentOptions, otherUpper: Double
    ) -> AsymptoticBound {
        let tol = options.tolerance
        if kernels[0].size == Size2D(1, 1) {
            // A constant symbol: σ∞ = max_g ‖K_g‖₂, no search.
            var value = NormInterval(exactly: 0)
            for n in norms { value = value.maximum(n.taps[0]) }
            return AsymptoticBound(
                lower: value.lower, upper: value.upper, grid: .constant, tolerance: tol,
                converged: value.upper <= value.lower * (1 + tol))
        }
        let density = SpectralDensity(kernels: kernels)
        let curvature = (
            Self.curvature(axis: 0, kernels, norms, centre: density.centre.h),
            Self.curvature(axis: 1, kernels, norms, centre: density.centre.w))
        let search = AsymptoticSearch(
            density: density, curvature: curvature, tolerance: tol, workBudget: options.asymptoticWork
        ).run()
        let upper = min(search.upper, otherUpper)
        return AsymptoticBound(
            lower: search.lower, upper: upper, grid: search.grid, tolerance: tol,
            converged: upper <= search.lower * (1 + tol))
    }

    /// `S_j ≥ sup_ω ‖∂²F/∂ω_j²‖₂` for every group: the smaller of the weighted triangle sum
    /// `Σ_τ w_τ‖K_τ‖₂` and `√(Σ_τ w_τ²)·min(‖R3‖₂, ‖R4‖₂)`, with `w_τ = (p_j(τ) − c_j)²` (the second
    /// because `Σ_τ w_τ φ_τ K_τ = [w_τ φ_τ I]_τ · stack_τ(K_τ)` with `|φ_τ| = 1`).
    static func curvature(
        axis: Int, _ kernels: [StrideOneKernel], _ norms: [KernelNorms], centre: Double
    ) -> Double {
        var result = 0.0
        for (k, n) in zip(kernels, norms) {
            var triangle = 0.0, squares = 0.0
            for p in 0..<k.size.h {
                for q in 0..<k.size.w {
                    let d = Double(axis == 0 ? p : q) - centre
                    let w = d * d
                    triangle += w * n.taps[p * k.size.w + q].upper
                    squares += w * w
                }
            }
            let stacked = squares.squareRoot() * min(n.reshapes[2]!.upper, n.reshapes[3]?.upper ?? .infinity)
            result = max(result, min(triangle, stacked) * (1 + 1e-12))
        }
        return result
    }

    private static func zero(_ options: SizeIndependentOptions) -> SizeIndependentFigures {
        SizeIndependentFigures(
            asymptotic: AsymptoticBound(lower: 0, upper: 0, grid: .constant, tolerance: options.tolerance, converged: true),
            closedForm: .zero, fantasticFour: FantasticFourBound(upper: 0, reshapesUsed: [1, 2, 3, 4]),
            gram: GramIterationBound(upper: 0, iterations: 1), reshaped: ReshapedNorm(value: 0))
    }
}
