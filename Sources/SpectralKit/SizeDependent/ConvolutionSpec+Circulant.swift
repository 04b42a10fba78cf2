extension ConvolutionSpec {
    /// The `embedding` upper bound at input size `input` (see `EmbeddingFigure`).
    ///
    /// - Throws: `.kernelLargerThanPaddedInput` when the layer has no output at this size.
    public func embeddingBound(
        input: Size2D, plans: FFTPlanCache, threads: ThreadBudget = .allProcessors
    ) throws(SizeDependentError) -> EmbeddingFigure {
        let uppers = try groupEmbeddingBounds(input: input, plans: plans, threads: threads)
        return EmbeddingFigure(
            upper: uppers.max() ?? 0, grid: EmbeddingGrid.grid(for: self, input: input), input: input, groupUppers: uppers)
    }

    /// The `circulant` spectrum at input size `input` (see `CirculantFigure`); `singularValues` only when
    /// `includeValues`.
    ///
    /// - Throws: `.notApplicable` when a stride does not divide the input size.
    public func circulantSpectrum(
        input: Size2D, plans: FFTPlanCache, includeValues: Bool = false, threads: ThreadBudget = .allProcessors
    ) throws(SizeDependentError) -> CirculantFigure {
        guard input.h > 0, input.w > 0, input.h % stride.h == 0, input.w % stride.w == 0 else {
            throw .notApplicable("circulant: stride \(stride) does not divide the input size \(input)")
        }
        let grid = Size2D(input.h / stride.h, input.w / stride.w)
        if !includeValues {
            // The extremes alone: the same two numbers with an SVD at few frequencies only.
            var (high, low) = (0.0, Double.infinity)
            for g in 0..<groups {
                let sampler = SymbolSampler(kernel: polyphaseKernel(group: g), grid: grid, plans: plans, threads: threads)
                let e = sampler.extremeSingularValues(includeMin: true)
                (high, low) = (Swift.max(high, e.max), Swift.min(low, e.min))
            }
            return CirculantFigure(max: high, min: low.isFinite ? low : 0, singularValues: nil, grid: grid, input: input)
        }
        var all: [Double] = []
        for g in 0..<groups {
            let sampler = SymbolSampler(kernel: polyphaseKernel(group: g), grid: grid, plans: plans, threads: threads)
            all.append(contentsOf: sampler.allSingularValues())
        }
        all.sort(by: >)
        return CirculantFigure(
            max: all.first ?? 0, min: all.last ?? 0, singularValues: includeValues ? all : nil, grid: grid,
            input: input)
    }
}
