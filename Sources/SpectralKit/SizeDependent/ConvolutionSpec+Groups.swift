extension ConvolutionSpec {
    /// Group `g` as a layer of its own (`groups = 1`, `cout/g` outputs, `cin/g` inputs). The layer's
    /// operator is block diagonal over groups, so its norm is the max of these and its singular values
    /// their union (docs/spectral-methods §1).
    public func singleGroup(_ g: Int) -> ConvolutionSpec {
        precondition(g >= 0 && g < groups)
        let per = outChannelsPerGroup * inChannelsPerGroup * kernel.product
        return ConvolutionSpec(
            weight: Array(weight[(g * per)..<((g + 1) * per)]), outChannels: outChannelsPerGroup,
            inChannelsPerGroup: inChannelsPerGroup, kernel: kernel, stride: stride, dilation: dilation, pads: pads,
            groups: 1)
    }

    /// Each group's own `embedding` bound at input size `input`, in group order: `‖C_N(K'_g)‖₂` on the
    /// layer's embedding grid (`EmbeddingGrid`), a certified upper bound on the norm of group `g`'s operator
    /// at this size (up to the rounding of one SVD, ≈ 1e-15 relative). Their max is `embeddingBound`'s
    /// `upper`.
    ///
    /// `pointwise`, `hint`: as for `embeddingBound` (work only; the bounds do not depend on them).
    ///
    /// - Throws: `.kernelLargerThanPaddedInput` when the layer has no output at this size.
    public func groupEmbeddingBounds(
        input: Size2D, plans: FFTPlanCache, threads: ThreadBudget = .allProcessors, pointwise: PointwiseSpectrum? = nil,
        hint: Frequency? = nil
    ) throws(SizeDependentError) -> [Double] {
        guard outputSize(forInput: input) != nil else {
            throw .kernelLargerThanPaddedInput(input: input, effectiveKernel: effectiveKernel)
        }
        let grid = EmbeddingGrid.grid(for: self, input: input)
        return (0..<groups).map { g in
            symbolSampler(group: g, grid: grid, plans: plans, threads: threads, pointwise: pointwise, hint: hint)
                .maxSingularValue()
        }
    }
}
