import ONNXModel

/// Per-channel scales on the input side of a conv or dense layer (spectral-methods §7.3): `T∘diag(s)` is the
/// layer with its input channels (input features, for a dense map) scaled by `s` — AOL's rescaling, or a
/// BatchNormalization before a conv. Zero padding commutes with a per-channel scale, so this is exact.
extension LinearLayerRule {
    /// The scaling node before `node` (Mul/Div by a constant, or BatchNormalization) with the value it
    /// scales and the scale per channel; `nil` when not this pattern.
    func inputScale(of node: Node, features: Bool) -> (scaler: Node, source: String, scale: [Double])? {
        guard let scalerIndex = patterns.inputScaleFolds[node.index] else { return nil }
        let scaler = graph.nodes[scalerIndex]
        guard let a = scaler.input(0) else { return nil }
        switch scaler.opType {
        case "Mul", "Div":
            guard let b = scaler.input(1),
                let (source, scale) = channelScale(a, b, invert: scaler.opType == "Div", features: features)
            else { return nil }
            return (scaler, source, scale)
        default:
            guard scaler.outputs.count == 1, isDependent(a), !scaler.inputs.dropFirst().contains(where: { isDependent($0) }),
                let scale = batchNormScale(scaler), let s = shape(a), s.count == (features ? 2 : s.count), s.count >= 2,
                s[1] == scale.count
            else { return nil }
            return (scaler, a, scale)
        }
    }

    /// The term from the scaled value with the caller's figure of the conv whose kernel is `K[o, i, t]·s_i`,
    /// plus the rounding of that one product per entry (`|E| ≤ 2⁻⁵²·|K s|`, `‖E‖ ≤ Σ_t ‖E_t‖_F ≤ √taps·‖E‖_F`).
    func inputScaledConvTerm(_ node: Node, _ layer: ConvLayer) -> OutputRule.Term? {
        guard layer.op == .conv, let (scaler, source, scale) = inputScale(of: node, features: false),
            case .constant(let tensor) = layer.weights, let k = try? tensor.doubles(),
            layer.weightShape.count >= 3, layer.group > 0, layer.weightShape[0] % layer.group == 0,
            layer.weightShape[1] * layer.group == scale.count, k.count == layer.weightShape.reduce(1, *)
        else { return nil }
        let outChannels = layer.weightShape[0], inPerGroup = layer.weightShape[1]
        let taps = layer.weightShape.dropFirst(2).reduce(1, *)
        let outPerGroup = outChannels / layer.group
        var scaled = k
        for o in 0..<outChannels {
            for local in 0..<inPerGroup {
                let s = scale[(o / outPerGroup) * inPerGroup + local]
                for t in 0..<taps { scaled[(o * inPerGroup + local) * taps + t] *= s }
            }
        }
        var composed = layer
        composed.name = "\(scaler.name)→\(layer.name)"
        composed.weightName = composed.name
        composed.weights = .constant(Tensor(name: composed.name, dims: layer.weightShape, doubles: scaled))
        guard let figure = try? bounds.upperBound(composedConv: composed), figure.isFinite else { return nil }
        let margin = Self.productRoundingMargin(scaled, taps: taps)
        let factor = Outward.sum([figure, margin])
        return OutputRule.Term(source: source, factor: factor,
                               steps: [PathStep(node: "\(label(scaler))→\(label(node))", op: "Scale→\(node.opType) (folded)", factor: factor)])
    }

    /// The term from the scaled value with the caller's figure of `diag(s)·W'` (rows of the right-hand
    /// weight scaled), plus its rounding (`‖E‖ ≤ ‖E‖_F ≤ 2⁻⁵²·‖diag(s) W'‖_F`).
    func inputScaledDenseTerm(_ node: Node, _ layer: DenseLayer) -> OutputRule.Term? {
        guard let (scaler, source, scale) = inputScale(of: node, features: true), let w = Self.rightMatrix(layer),
            w.rows == scale.count
        else { return nil }
        var scaled = w.values
        for i in 0..<w.rows { for j in 0..<w.cols { scaled[i * w.cols + j] *= scale[i] } }
        let name = "\(scaler.name)→\(layer.name)"
        let composed = DenseLayer(
            name: name, nodeIndex: node.index, graph: graph.path, op: .gemm, weightName: name,
            weights: .constant(Tensor(name: name, dims: [w.rows, w.cols], doubles: scaled)), weightShape: [w.rows, w.cols],
            alpha: 1, transA: false, transB: false, weightInputIndex: 1)
        guard let figure = try? bounds.upperBound(composedDense: composed), figure.isFinite else { return nil }
        let factor = Outward.sum([figure, Self.productRoundingMargin(scaled, taps: 1)])
        return OutputRule.Term(source: source, factor: factor,
                               steps: [PathStep(node: "\(label(scaler))→\(label(node))", op: "Scale→\(node.opType) (folded)", factor: factor)])
    }

    /// `2⁻⁵²·√taps·‖c‖_F`, rounded up: bounds the norm of the rounding error of entries that are each one
    /// floating-point product (relative error ≤ 2⁻⁵³ of the exact value, itself ≤ (1 + 2⁻⁵³)·|c|).
    static func productRoundingMargin(_ c: [Double], taps: Int) -> Double {
        let frobenius = Outward.sqrt(Outward.sum(c.map { Outward.mul($0, $0) }))
        return Outward.mul(Outward.mul(Outward.mul(frobenius, Outward.sqrt(Double(taps))), 0x1p-52), 1 + 1e-12)
    }
}
