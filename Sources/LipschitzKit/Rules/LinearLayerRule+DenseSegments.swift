import ONNXModel

/// `Gemm/MatMul → Gemm/MatMul` with constant weights applied on the right and no nonlinearity between
/// (spectral-methods §7.3): `x ↦ x·M₁·M₂` is one dense map; its certified norm can be far below the product.
extension LinearLayerRule {
    /// The term from the first map's input with the caller's figure of `M₁·M₂` plus a bound on the rounding
    /// of the product (`‖E‖ ≤ ‖E‖_F`, `|E| ≤ (k + 2)·2⁻⁵²·|M₁|·|M₂|`); `nil` when not this case.
    func denseSegmentTerm(_ node: Node, _ second: DenseLayer) -> OutputRule.Term? {
        guard let firstIndex = patterns.denseSegments[node.index], let first = dense[firstIndex],
            let m1 = Self.rightMatrix(first), let m2 = Self.rightMatrix(second), m1.cols == m2.rows,
            let x = graph.nodes[firstIndex].input(0), isDependent(x),
            !graph.nodes[firstIndex].inputs.dropFirst().contains(where: { isDependent($0) })
        else { return nil }
        let (n, k, p) = (m1.rows, m1.cols, m2.cols)
        guard n * p <= 1 << 22 else { return nil }
        var product = [Double](repeating: 0, count: n * p)
        var magnitude = product
        for i in 0..<n {
            for l in 0..<k {
                let a = m1.values[i * k + l]
                if a == 0 { continue }
                for j in 0..<p {
                    product[i * p + j] += a * m2.values[l * p + j]
                    magnitude[i * p + j] += abs(a * m2.values[l * p + j])
                }
            }
        }
        let frobenius = Outward.sqrt(Outward.sum(magnitude.map { Outward.mul($0, $0) }))
        let margin = Outward.mul(Outward.mul(frobenius, Double(k + 2) * 0x1p-52), 1 + 1e-12)
        let name = "\(first.name)→\(second.name)"
        let layer = DenseLayer(
            name: name, nodeIndex: node.index, graph: graph.path, op: .gemm, weightName: name,
            weights: .constant(Tensor(name: name, dims: [n, p], doubles: product)), weightShape: [n, p], alpha: 1,
            transA: false, transB: false, weightInputIndex: 1)
        guard let figure = try? bounds.upperBound(composedDense: layer), figure.isFinite else { return nil }
        let factor = Outward.sum([figure, margin])
        let label = "\(label(graph.nodes[firstIndex]))→\(label(node))"
        return OutputRule.Term(source: x, factor: factor, steps: [PathStep(node: label, op: "Gemm→Gemm (segment)", factor: factor)])
    }

    /// `W'` (rows × cols, row-major) for a dense layer with alpha 1 that multiplies its data input from the
    /// left by a constant 2-D weight (`d·W'`, W' = Wᵀ when transB); `nil` otherwise.
    static func rightMatrix(_ layer: DenseLayer) -> (values: [Double], rows: Int, cols: Int)? {
        guard layer.weightInputIndex == 1, !layer.transA, layer.weightShape.count == 2,
            case .constant(let tensor) = layer.weights, let w = try? tensor.doubles(), layer.alpha == 1
        else { return nil }
        let (r, c) = (layer.weightShape[0], layer.weightShape[1])
        guard w.count == r * c else { return nil }
        if layer.transB {
            var t = [Double](repeating: 0, count: r * c)
            for i in 0..<r { for j in 0..<c { t[j * r + i] = w[i * c + j] } }
            return (t, c, r)
        }
        return (w, r, c)
    }
}
