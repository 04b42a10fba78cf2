extension ConvolutionSpec {
    /// For a 1×1 kernel (any stride, padding, dilation), the operator of group `g` is `K_g ⊗ S`, with `S` the
    /// selection of the input pixels that some output reads: its singular values are those of `K_g`, each
    /// repeated once per such pixel (and `T = 0` when no output reads the image). Returns that pixel count,
    /// or nil when the kernel is not 1×1.
    func pointwiseReadPixels(input: Size2D) -> Int? {
        guard kernel == Size2D(1, 1), let out = outputSize(forInput: input) else { return nil }
        func count(_ m: Int, _ s: Int, _ pad: Int, _ n: Int) -> Int {
            (0..<m).filter { t in t * s - pad >= 0 && t * s - pad < n }.count
        }
        return count(out.h, stride.h, pads.top, input.h) * count(out.w, stride.w, pads.left, input.w)
    }

    /// Singular values (descending) of group `g`'s `cout_g × cin_g` weight matrix, from `spectrum`.
    func pointwiseSingularValues(group g: Int, _ spectrum: PointwiseSpectrum) -> [Double] {
        spectrum.values(group: g, count: Swift.min(outChannelsPerGroup, inChannelsPerGroup))
    }
}
