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
}
