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

    /// Checks that the figures of `spec` can be finite: every weight must be a finite number.
    public static func validate(_ spec: ConvolutionSpec) throws(SizeIndependentError) {
        // `x·0` is ±0 for a finite `x` and NaN otherwise: one branch-free pass on four lanes, and the index
        // searched for only when some sum is NaN.
        let probe = spec.weight.withUnsafeBufferPointer { v in
            var (p0, p1, p2, p3) = (0.0, 0.0, 0.0, 0.0)
            var i = 0
            while i + 4 <= v.count {
                (p0, p1, p2, p3) = (p0 + v[i] * 0, p1 + v[i + 1] * 0, p2 + v[i + 2] * 0, p3 + v[i + 3] * 0)
                i += 4
            }
            while i < v.count {
                p0 += v[i] * 0
                i += 1
            }
            return p0 + p1 + p2 + p3
        }
        if probe != 0, let index = spec.weight.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteWeight(index: index)
        }
    }

    /// Computes every figure for `spec` on up to `threads` threads (OpenBLAS is pinned to one thread first).
    /// The figures do not depend on `threads`.
    ///
    /// A layer with a non-finite weight (see `validate`) gets the trivially true figures: every upper bound
    /// `+∞`, `asymptotic.lower = 0` (not converged), no `gram`, `reshaped` NaN — never a crash in LAPACK.
    public static func compute(
        for spec: ConvolutionSpec, options: SizeIndependentOptions = .standard, threads: ThreadBudget = .allProcessors
    ) -> SizeIndependentFigures {
        do throws(SizeIndependentError) {
            try validate(spec)
        } catch {
            return unbounded(options)
        }
        BLASThreading.useSingleThread()
        guard let (kernels, steps) = CompactKernel.compaction(of: spec) else { return zero(options) }
        let norms = KernelNorms.compute(for: kernels, reshapeWorkCap: options.reshapeWork, threads: threads)
        var closed = ClosedFormBounds.zero
        var four = FantasticFourBound(upper: 0, reshapesUsed: [1, 2, 3, 4])
        var reshaped = 0.0
        for (k, n) in zip(kernels, norms) {
            closed = closed.maximum(ClosedFormBounds.compute(kernel: k, norms: n))
            four = four.maximum(FantasticFourBound.compute(kernel: k, norms: n))
            reshaped = max(reshaped, n.reshapes[2]!.upper)
        }
        let gram = gramBound(kernels, norms.map(\.gram), options, threads)
        let otherUpper = min(closed.best, four.upper, gram?.upper ?? .infinity)
        var asymptotic = asymptoticBound(kernels, norms, options, otherUpper: otherUpper, threads: threads)
        asymptotic.maximizer = asymptotic.maximizer.map { Self.operatorFrequency($0, compaction: steps, spec: spec) }
        return SizeIndependentFigures(
            asymptotic: asymptotic, closedForm: closed, fantasticFour: four, gram: gram,
            reshaped: ReshapedNorm(value: reshaped))
    }

    // MARK: - Pieces

    /// `firstGrams`: the 1×1 kernels' Gram matrices that their norms already formed (`KernelNorms.gram`).
    private static func gramBound(
        _ kernels: [StrideOneKernel], _ firstGrams: [[Double]?], _ options: SizeIndependentOptions,
        _ threads: ThreadBudget
    ) -> GramIterationBound? {
        SpatialGramIteration(
            kernels: kernels, memoryCap: options.gramMemory, workCap: options.gramWork,
            maxIterations: options.gramMaxIterations, threads: threads, firstGrams: firstGrams
        ).run()
    }

    private static func asymptoticBound(
        _ kernels: [StrideOneKernel], _ norms: [KernelNorms], _ options: SizeIndependentOptions, otherUpper: Double,
        threads: ThreadBudget
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
        let result = asymptoticSearch(kernels, norms, options, otherUpper: otherUpper, threads: threads).run()
        let upper = min(result.upper, otherUpper)
        return AsymptoticBound(
            lower: result.lower, upper: upper, grid: result.grid, tolerance: tol,
            converged: upper <= result.lower * (1 + tol), maximizer: result.maximizer)
    }

    /// The branch and bound for kernels with more than one tap. `bernstein: false` leaves out the cell bound
    /// relative to `σ∞` (docs/asymptotic-certificate.md §3.1), for comparisons.
    static func asymptoticSearch(
        _ kernels: [StrideOneKernel], _ norms: [KernelNorms], _ options: SizeIndependentOptions,
        otherUpper: Double, bernstein: Bool = true, threads: ThreadBudget = .allProcessors
    ) -> AsymptoticSearch {
        let density = SpectralDensity(kernels: kernels)
        let curvature = (
            Self.curvature(axis: 0, kernels, norms, centre: density.centre.h),
            Self.curvature(axis: 1, kernels, norms, centre: density.centre.w))
        var search = AsymptoticSearch(
            density: density, curvature: curvature, tolerance: options.tolerance, workBudget: options.asymptoticWork)
        if bernstein {
            search.exponentialType = exponentialType(kernels)
            search.otherUpper = otherUpper
        }
        search.threads = threads
        let bound = density.frobeniusBound
        search.gramPolynomial = { GramPolynomial(kernels: kernels, frobeniusBound: bound) }
        let centre = (density.centre.h, density.centre.w)
        search.derivative = { axis in derivative(axis: axis, kernels, norms, centre: centre) }
        return search
    }

    /// A frequency of the compacted canonical kernel's torus mapped to the torus of
    /// `spec.polyphaseKernel`: `F_canonical(ω) = F_c(m·ω)` (compaction steps `m`), and for stride 1 the
    /// canonical kernel is the undilated one, `F_dilated(ω) = F_undilated(d·ω)`.
    static func operatorFrequency(_ w: Frequency, compaction m: Size2D, spec: ConvolutionSpec) -> Frequency {
        var f = Frequency(w.w1 / Double(m.h), w.w2 / Double(m.w))
        if spec.stride == Size2D(1, 1) {
            f = Frequency(f.w1 / Double(spec.dilation.h), f.w2 / Double(spec.dilation.w))
        }
        return f
    }

    /// `n_j` of docs/asymptotic-certificate.md §3.1 for every group: half the extent of the tap rows (`j = 0`)
    /// or columns (`j = 1`) that hold a non-zero weight in some group. Centred at the middle of that range,
    /// `F` is along `ω_j` a sum of `e^{−iλω_j}` with `|λ| ≤ n_j`: an entire function of exponential type `n_j`.
    static func exponentialType(_ kernels: [StrideOneKernel]) -> (Double, Double) {
        let size = kernels[0].size
        let t = size.h * size.w
        var used = [Bool](repeating: false, count: t)
        for k in kernels {
            k.values.withUnsafeBufferPointer { v in
                for start in stride(from: 0, to: v.count, by: t) {
                    for tap in 0..<t where v[start + tap] != 0 { used[tap] = true }
                }
            }
        }
        func halfExtent(_ index: (Int) -> Int) -> Double {
            let positions = (0..<t).filter { used[$0] }.map(index)
            guard let lo = positions.min(), let hi = positions.max() else { return 0 }
            return Double(hi - lo) / 2
        }
        return (halfExtent { $0 / size.w }, halfExtent { $0 % size.w })
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

    private static func unbounded(_ options: SizeIndependentOptions) -> SizeIndependentFigures {
        let inf = Double.infinity
        return SizeIndependentFigures(
            asymptotic: AsymptoticBound(lower: 0, upper: inf, grid: .constant, tolerance: options.tolerance, converged: false),
            closedForm: ClosedFormBounds(triangle: inf, blockNorm: inf, schur: inf, frobenius: inf),
            fantasticFour: FantasticFourBound(upper: inf, reshapesUsed: []), gram: nil,
            reshaped: ReshapedNorm(value: .nan))
    }

    /// The symbol of `∂²F/∂ω_j²` (the kernel weighted by `w_τ = (τ_j − c_j)²`) and triangle bounds on its
    /// second derivatives, `S_jk = max_g Σ_τ w_jτ·w_kτ·‖K_τ‖₂`; `nil` for a single-tap axis.
    static func derivative(
        axis: Int, _ kernels: [StrideOneKernel], _ norms: [KernelNorms], centre: (Double, Double)
    ) -> (density: SpectralDensity, fourth: (Double, Double))? {
        let size = kernels[0].size
        guard (axis == 0 ? size.h : size.w) > 1 else { return nil }
        let t = size.h * size.w
        // w_aτ per axis and tap.
        let weights: [[Double]] = (0..<2).map { a in
            (0..<t).map { tap in
                let d = Double(a == 0 ? tap / size.w : tap % size.w) - (a == 0 ? centre.0 : centre.1)
                return d * d
            }
        }
        let w = weights[axis]
        var fourth = (0.0, 0.0)
        let weighted = zip(kernels, norms).map { k, n -> StrideOneKernel in
            var f = (0.0, 0.0)
            for tap in 0..<t {
                f.0 += w[tap] * weights[0][tap] * n.taps[tap].upper
                f.1 += w[tap] * weights[1][tap] * n.taps[tap].upper
            }
            fourth = (max(fourth.0, f.0 * (1 + 1e-12)), max(fourth.1, f.1 * (1 + 1e-12)))
            // Values are entry-major, tap-minor: one contiguous pass.
            var v = [Double](repeating: 0, count: k.values.count)
            k.values.withUnsafeBufferPointer { src in
                v.withUnsafeMutableBufferPointer { dst in
                    for start in stride(from: 0, to: src.count, by: t) {
                        for tap in 0..<t { dst[start + tap] = src[start + tap] * w[tap] }
                    }
                }
            }
            return StrideOneKernel(outChannels: k.outChannels, inChannels: k.inChannels, size: size, values: v)
        }
        return (SpectralDensity(kernels: weighted, centre: (h: centre.0, w: centre.1)), fourth)
    }

    private static func zero(_ options: SizeIndependentOptions) -> SizeIndependentFigures {
        SizeIndependentFigures(
            asymptotic: AsymptoticBound(lower: 0, upper: 0, grid: .constant, tolerance: options.tolerance, converged: true),
            closedForm: .zero, fantasticFour: FantasticFourBound(upper: 0, reshapesUsed: [1, 2, 3, 4]),
            gram: GramIterationBound(upper: 0, iterations: 1), reshaped: ReshapedNorm(value: 0))
    }
}
