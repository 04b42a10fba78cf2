import ONNXModel

/// SLL/CPL residual layers (spectral-methods §7.4): `J = I − A·S^{1/2}·D·S^{1/2}·Aᵀ` with `D ∈ [0, I]` is
/// symmetric with eigenvalues in `[1 − ‖A S^{1/2}‖², 1]`, so `L(h) ≤ max(1, ‖A S^{1/2}‖² − 1)·L(x)`.
extension ArithmeticRule {
    /// The term from the residual input, with `‖A S^{1/2}‖` certified by the caller's dense figure of the
    /// scaled matrix plus a rounding margin; `nil` when no verified SLL layer ends at `node` or no figure.
    func sllTerm(_ node: Node) -> OutputRule.Term? {
        guard let residual = patterns.sllResiduals[node.index], isDependent(residual.input) else { return nil }
        let (n, m) = (residual.n, residual.m)
        let roots = residual.scale.map { Outward.sqrt($0) }
        var scaled = [Double](repeating: 0, count: n * m)
        var frobenius = 0.0
        for i in 0..<n {
            for j in 0..<m {
                let v = residual.a[i * m + j] * roots[j]
                scaled[i * m + j] = v
                frobenius = Outward.sum([frobenius, Outward.mul(v, v)])
            }
        }
        // Each entry is within one rounding (2⁻⁵³ relative) of a·√s with √s rounded up; the matrix of those
        // errors has norm ≤ its Frobenius norm ≤ 2⁻⁵²·‖A S^{1/2}‖_F, and rounding √s up only grows ‖A S^{1/2}‖.
        let margin = Outward.mul(Outward.sqrt(frobenius), 0x1p-51)
        let layer = DenseLayer(
            name: "\(label(node)) (A·S^½)", nodeIndex: node.index, graph: graph.path, op: .gemm,
            weightName: "\(label(node)) (A·S^½)", weights: .constant(Tensor(name: "A·S^½", dims: [n, m], doubles: scaled)),
            weightShape: [n, m], alpha: 1, transA: false, transB: false, weightInputIndex: 1)
        guard let figure = try? bounds.upperBound(composedDense: layer), figure.isFinite else { return nil }
        let norm = Outward.sum([figure, margin])
        let factor = max(1, Outward.sum([Outward.mul(norm, norm), -1]))
        return OutputRule.Term(
            source: residual.input, factor: factor,
            steps: [PathStep(node: label(node), op: "SLL residual", factor: factor)])
    }

    /// The conv form: `‖A S^{1/2}‖ = ‖S^{1/2}·Conv_W‖`, the Conv with its output channels scaled by `√s`
    /// (rounded up; the norm is monotone in each scale), certified by the caller like a folded BatchNorm.
    func convSLLTerm(_ node: Node) -> OutputRule.Term? {
        guard let residual = patterns.convSLLResiduals[node.index], isDependent(residual.input),
            let conv = convs[residual.conv], let transpose = convs[residual.transpose],
            conv.op == .conv, transpose.op == .convTranspose, conv.inputSize != nil,
            transpose.outputSize == conv.inputSize, conv.outputPadding.allSatisfy({ $0 == 0 }),
            transpose.outputPadding.allSatisfy({ $0 == 0 })
        else { return nil }
        guard let scale = ConvSLLResidual.channelScale(residual, channels: conv.outputChannels, constants) else {
            return nil
        }
        let roots = scale.map { Outward.sqrt($0) }
        guard let norm = try? bounds.upperBound(conv: conv, outputChannelScale: roots), norm.isFinite else {
            return nil
        }
        let factor = max(1, Outward.sum([Outward.mul(norm, norm), -1]))
        return OutputRule.Term(
            source: residual.input, factor: factor,
            steps: [PathStep(node: label(node), op: "SLL residual", factor: factor)])
    }
}
