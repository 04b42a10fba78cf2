/// The singular values of a 1×1 layer's per-group weight matrices `K_g`, decomposed once and shared by the
/// layer's size-dependent figures. For a 1×1 kernel (any stride, padding, dilation) `exact`, `embedding` and
/// `circulant` all reduce to the singular values of the constant symbol `K_g` (`pointwiseReadPixels`,
/// `ConstantSymbolValues`; a strided layer's polyphase kernel is `K_g` plus zero columns), so one `dgesdd` per
/// group serves all three instead of one per figure — measured on a ResNet-50-shaped model, where a
/// 2048 × 512 decomposition costs about as much as a 3×3 layer's `circulant` figure.
///
/// The values are exact to LAPACK precision, the same bits as `ConstantSymbolValues.singularValues` of `K_g`
/// or of its polyphase kernel (both drop the same zero rows and columns before the same `dgesdd` call).
public struct PointwiseSpectrum: Sendable {
    /// Per group: the singular values of `K_g` without its zero rows and columns, descending.
    let nonZeroPart: [[Double]]

    /// Decomposes every group's matrix; nil unless the kernel is 1×1.
    public init?(_ spec: ConvolutionSpec) {
        guard spec.kernel == Size2D(1, 1) else { return nil }
        nonZeroPart = (0..<spec.groups).map { g in
            let k = spec.undilatedKernel(group: g)
            return ConstantSymbolValues.compactSingularValues(real: k.values, rows: k.outChannels, cols: k.inChannels)
        }
    }

    /// Group `g`'s values as those of a matrix with `count = min(rows, cols)` singular values: the computed
    /// ones followed by zeros (the rank-deficient part), descending.
    func values(group g: Int, count: Int) -> [Double] {
        ConstantSymbolValues.padded(nonZeroPart[g], count: count)
    }

    /// The largest singular value of group `g` (0 for a zero matrix).
    func largest(group g: Int) -> Double {
        nonZeroPart[g].first ?? 0
    }
}
