import ONNXModel

/// Linear segments (spectral-methods §7.3): a spatial conv, optionally a BatchNormalization, then a pointwise
/// (1×1, stride 1, no padding) conv are one conv with kernel `P·diag(s)·K` — the pointwise maps commute with
/// the zero-padding truncation, so its certified figure bounds the composition.
extension LinearLayerRule {
    /// The term from the spatial conv's input with the composed conv's certified bound, or `nil` when the
    /// segment does not compose or the bounds have no figure for composed convs.
    func segmentTerm(_ node: Node, _ pointwise: ConvLayer) -> OutputRule.Term? {
        guard let segment = patterns.linearSegments[node.index], let spatial = convs[segment.spatial],
            spatial.op == .conv, pointwise.op == .conv, pointwise.group == 1,
            pointwise.kernel.allSatisfy({ $0 == 1 }), pointwise.stride.allSatisfy({ $0 == 1 }),
            pointwise.pads.allSatisfy({ $0 == 0 }), pointwise.autoPad == .notSet || pointwise.autoPad == .valid,
            case .constant(let pwTensor) = pointwise.weights, let p = try? pwTensor.doubles(),
            case .constant(let spTensor) = spatial.weights, let k = try? spTensor.doubles(),
            spatial.group > 0, spatial.weightShape.count >= 3
        else { return nil }
        let spatialNode = graph.nodes[segment.spatial]
        guard let x = spatialNode.input(0), !spatialNode.inputs.dropFirst().contains(where: { isDependent($0) }),
            !node.inputs.dropFirst().contains(where: { isDependent($0) })
        else { return nil }
        let m = spatial.weightShape[0]
        let outChannels = pointwise.weightShape[0]
        guard pointwise.weightShape.count >= 2, pointwise.weightShape[1] == m, p.count == outChannels * m else { return nil }
        var scale = [Double](repeating: 1, count: m)
        if let bn = segment.batchNorm {
            let bnNode = graph.nodes[bn]
            guard !bnNode.inputs.dropFirst().contains(where: { isDependent($0) }), let s = batchNormScale(bnNode),
                s.count == m
            else { return nil }
            scale = s
        }
        guard let composed = Self.composedLayer(spatial: spatial, weights: k, pointwise: p, scale: scale,
                                                outChannels: outChannels, name: "\(spatial.name)→\(pointwise.name)"),
            let figure = try? bounds.upperBound(composedConv: composed.layer), figure.isFinite
        else { return nil }
        let factor = Outward.sum([figure, composed.roundingMargin])
        let label = "\(label(spatialNode))→\(label(node))"
        return OutputRule.Term(source: x, factor: factor, steps: [PathStep(node: label, op: "Conv→Conv (segment)", factor: factor)])
    }

    /// The conv with kernel `C[o, i, t] = Σ_m P[o, m]·s_m·K[m, i, t]` (dense groups), and a bound on the norm
    /// of the difference between it and the exactly composed operator caused by rounding: a conv's norm is at
    /// most `Σ_t ‖E_t‖_F`, and each entry of `E` is at most `γ·Σ_m |P_om·s_m·K_mit|` with `γ = (M + 6)·2⁻⁵²`
    /// (the dot product and the scale's own rounding).
    static func composedLayer(
        spatial: ConvLayer, weights k: [Double], pointwise p: [Double], scale: [Double], outChannels: Int, name: String
    ) -> (layer: ConvLayer, roundingMargin: Double)? {
        let shape = spatial.weightShape
        let m = shape[0], inPerGroup = shape[1], groups = spatial.group
        let taps = shape.dropFirst(2).reduce(1, *)
        let inChannels = inPerGroup * groups
        guard m % groups == 0, k.count == m * inPerGroup * taps else { return nil }
        let outPerGroup = m / groups
        var c = [Double](repeating: 0, count: outChannels * inChannels * taps)
        var magnitude = c
        for o in 0..<outChannels {
            for mid in 0..<m {
                let weight = p[o * m + mid] * scale[mid]
                if weight == 0 { continue }
                let group = mid / outPerGroup
                for local in 0..<inPerGroup {
                    let i = group * inPerGroup + local
                    for t in 0..<taps {
                        let term = weight * k[(mid * inPerGroup + local) * taps + t]
                        c[(o * inChannels + i) * taps + t] += term
                        magnitude[(o * inChannels + i) * taps + t] += abs(term)
                    }
                }
            }
        }
        let gamma = Double(m + 6) * 0x1p-52
        var margin = 0.0
        for t in 0..<taps {
            var sum = 0.0
            for entry in 0..<(outChannels * inChannels) { sum += magnitude[entry * taps + t] * magnitude[entry * taps + t] }
            margin = Outward.sum([margin, Outward.sqrt(Outward.up(sum))])
        }
        margin = Outward.mul(Outward.mul(margin, gamma), 1 + 1e-12)
        var layer = spatial
        layer.name = name
        layer.weightName = name
        layer.weights = .constant(Tensor(name: name, dims: [outChannels, inChannels] + Array(shape.dropFirst(2)), doubles: c))
        layer.weightShape = [outChannels, inChannels] + Array(shape.dropFirst(2))
        layer.group = 1
        layer.outputChannels = outChannels
        return (layer, margin)
    }
}
