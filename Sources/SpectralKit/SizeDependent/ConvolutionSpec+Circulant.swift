extension ConvolutionSpec {
    /// The `embedding` upper bound at input size `input` (see `EmbeddingFigure`).
    ///
    /// - Throws: `.kernelLargerThanPaddedInput` when the layer has no output at this size.
    /// `pointwise`: a 1×1 layer's singular values when already computed (`PointwiseSpectrum`). `hint`: a
    /// frequency of the polyphase torus where the maximum probably is (`SymbolSampler.hint`; work only).
    public func embeddingBound(
        input: Size2D, plans: FFTPlanCache, threads: ThreadBudget = .allProcessors, pointwise: PointwiseSpectrum? = nil,
        hint: Frequency? = nil
    ) throws(SizeDependentError) -> EmbeddingFigure {
        let uppers = try groupEmbeddingBounds(input: input, plans: plans, threads: threads, pointwise: pointwise, hint: hint)
        return EmbeddingFigure(
            upper: uppers.max() ?? 0, grid: EmbeddingGrid.grid(for: self, input: input), input: input, groupUppers: uppers)
    }

    /// The `circulant` spectrum at input size `input` (see `CirculantFigure`); `singularValues` only when
    /// `includeValues`.
    ///
    /// - Throws: `.notApplicable` when a stride does not divide the input size.
    /// `pointwise`, `hint`: as for `embeddingBound`.
    public func circulantSpectrum(
        input: Size2D, plans: FFTPlanCache, includeValues: Bool = false, threads: ThreadBudget = .allProcessors,
        pointwise: PointwiseSpectrum? = nil, hint: Frequency? = nil
    ) throws(SizeDependentError) -> CirculantFigure {
        guard input.h > 0, input.w > 0, input.h % stride.h == 0, input.w % stride.w == 0 else {
            throw .notApplicable("circulant: stride \(stride) does not divide the input size \(input)")
        }
        let grid = Size2D(input.h / stride.h, input.w / stride.w)
        if !includeValues {
            // The extremes alone: the same two numbers with an SVD at few frequencies only.
            var (high, low) = (0.0, Double.infinity)
            for g in 0..<groups {
                let sampler = symbolSampler(group: g, grid: grid, plans: plans, threads: threads, pointwise: pointwise, hint: hint)
                let e = sampler.extremeSingularValues(includeMin: true)
                (high, low) = (Swift.max(high, e.max), Swift.min(low, e.min))
            }
            return CirculantFigure(max: high, min: low.isFinite ? low : 0, singularValues: nil, grid: grid, input: input)
        }
        var all: [Double] = []
        for g in 0..<groups {
            let sampler = symbolSampler(group: g, grid: grid, plans: plans, threads: threads, pointwise: pointwise, hint: hint)
            all.append(contentsOf: sampler.allSingularValues())
        }
        all.sort(by: >)
        return CirculantFigure(
            max: all.first ?? 0, min: all.last ?? 0, singularValues: includeValues ? all : nil, grid: grid,
            input: input)
    }

    /// The sampler of group `g`'s polyphase symbol, with the 1×1 values of `pointwise` and the `hint` when
    /// given.
    func symbolSampler(
        group g: Int, grid: Size2D, plans: FFTPlanCache, threads: ThreadBudget, pointwise: PointwiseSpectrum?,
        hint: Frequency?
    ) -> SymbolSampler {
        var sampler = SymbolSampler(kernel: polyphaseKernel(group: g), grid: grid, plans: plans, threads: threads)
        sampler.hint = hint
        if kernel == Size2D(1, 1) { sampler.constantValues = pointwise?.nonZeroPart[g] }
        return sampler
    }
}
