import ONNXModel

/// `Conv → [per-channel scale] → Flatten/Reshape → Gemm/MatMul` (spectral-methods §7.3, `ConvDenseSegment`):
/// the dense layer fixes the flattened size, so the segment is one fixed linear map `M = Wᵀ·flatten·diag(s)·T`,
/// certified by the caller's dense figure of its explicit matrix (`ConvDenseComposition`) plus the rounding
/// margin of forming it.
///
/// For a size-independent bound the matrix is formed at every conv input size the flattened size allows:
/// every split `m₁·m₂` of the conv's output pixels, each at the largest input giving it (a smaller input is the
/// same operator on an input whose last rows are zero, so its norm is no larger), and the largest figure is
/// used.
extension LinearLayerRule {
    /// The segment ending at the dense `node`: the term from the conv's input with the composed figure, or why
    /// the segment found there is not composed (for the critical path); both `nil` when there is none.
    func convDenseSegment(_ node: Node, _ layer: DenseLayer) -> (term: OutputRule.Term?, refusal: String?) {
        guard let segment = patterns.convDenseSegments[node.index] else { return (nil, nil) }
        switch composedConvDenseTerm(node, layer, segment) {
        case .success(let term): return (term, nil)
        case .failure(let refusal): return (nil, refusal.reason)
        }
    }

    private func composedConvDenseTerm(
        _ node: Node, _ layer: DenseLayer, _ segment: ConvDenseSegment
    ) -> Result<OutputRule.Term, LayerBoundUnavailable> {
        func refuse(_ reason: String) -> Result<OutputRule.Term, LayerBoundUnavailable> {
            .failure(LayerBoundUnavailable("not composed with the conv: \(reason)"))
        }
        if let reason = segment.reshapeRefusal { return refuse(reason) }
        let convNode = graph.nodes[segment.conv]
        guard let conv = convs[segment.conv], conv.op == .conv, let x = convNode.input(0), isDependent(x),
            !convNode.inputs.dropFirst().contains(where: { isDependent($0) }),
            case .constant(let tensor) = conv.weights, let k = try? tensor.doubles(),
            let convOutput = convNode.outputs.first, let outShape = shape(convOutput), outShape.count == 2 + conv.spatialRank
        else { return refuse("the conv's weights, bias or shapes are not known at analysis time") }
        guard conv.padsResolved else { return refuse("the conv's padding depends on an unknown input size") }
        guard let scale = segmentScale(segment, conv: conv, convOutput: convOutput) else {
            return refuse("the scale between conv and \(graph.nodes[segment.reshape].opType) is not a constant per channel")
        }
        var unit = layer
        unit.alpha = 1
        guard let w = Self.rightMatrix(unit), w.rows == ConvDenseComposition.saturatingProduct(Array(outShape.dropFirst()))
        else {
            return refuse("the dense layer does not multiply the flattened conv output by a constant matrix")
        }
        let pixels = ConvDenseComposition.saturatingProduct(Array(outShape.dropFirst(2)))
        let geometries: [ConvDenseComposition.Geometry]
        switch segmentGeometries(conv, pixels: pixels) {
        case .success(let found): geometries = found
        case .failure(let refusal): return .failure(refusal)
        }
        let work = geometries.reduce(0) { $0 > Int.max / 2 ? $0 : $0 + $1.work(outputs: w.cols) }
        guard work <= ConvDenseComposition.maxWork,
            geometries.allSatisfy({ $0.entries(outputs: w.cols) <= ConvDenseComposition.maxEntries })
        else {
            return refuse("the composed matrix is over the size cap (\(ConvDenseComposition.maxEntries) entries, "
                + "\(ConvDenseComposition.maxWork) multiply-adds)")
        }
        let name = "\(conv.name)→\(layer.name)"
        var factor = 0.0
        for geometry in geometries {
            guard let composed = ConvDenseComposition(kernel: k, geometry: geometry, scale: scale, right: w.values,
                                                      rows: w.rows, cols: w.cols)
            else { return refuse("the conv, scale and dense shapes disagree") }
            let matrix = DenseLayer(
                name: name, nodeIndex: node.index, graph: graph.path, op: .gemm, weightName: name,
                weights: .constant(Tensor(name: name, dims: [composed.rows, composed.cols], doubles: composed.values)),
                weightShape: [composed.rows, composed.cols], alpha: layer.alpha, transA: false, transB: false,
                weightInputIndex: 1)
            let figure: Double
            do {
                figure = try bounds.upperBound(composedDense: matrix)
            } catch {
                return .failure(error)
            }
            guard figure.isFinite else { return refuse("the composed matrix has no finite figure") }
            factor = max(factor, Outward.sum([figure, Outward.mul(abs(layer.alpha), composed.roundingMargin)]))
        }
        let segmentLabel = "\(label(convNode))→\(label(node))"
        return .success(OutputRule.Term(
            source: x, factor: factor, steps: [PathStep(node: segmentLabel, op: "Conv→\(node.opType) (segment)", factor: factor)]))
    }

    /// The per-output-channel scale between conv and reshape (ones when there is none); `nil` when the scaling
    /// node is not a constant per-channel scale of the conv output.
    private func segmentScale(_ segment: ConvDenseSegment, conv: ConvLayer, convOutput: String) -> [Double]? {
        guard let index = segment.scale else { return [Double](repeating: 1, count: conv.outputChannels) }
        let scaler = graph.nodes[index]
        let scale: [Double]?
        switch scaler.opType {
        case "BatchNormalization":
            guard scaler.input(0) == convOutput, !scaler.inputs.dropFirst().contains(where: { isDependent($0) }) else { return nil }
            scale = batchNormScale(scaler)
        default:
            guard let a = scaler.input(0), let b = scaler.input(1),
                let found = channelScale(a, b, invert: scaler.opType == "Div"), found.variable == convOutput
            else { return nil }
            scale = found.scale
        }
        guard let scale, scale.count == conv.outputChannels, scale.allSatisfy(\.isFinite) else { return nil }
        return scale
    }

    /// The conv geometries to compose at: the model's own size for a size-specific bound; otherwise every
    /// split of `pixels` output pixels into `m₁ × m₂` (height 1 for a 1-D conv), each at the largest input
    /// size `mᵢ·sᵢ + (kᵢ − 1)·dᵢ − padsᵢ` that gives it.
    private func segmentGeometries(_ conv: ConvLayer, pixels: Int) -> Result<[ConvDenseComposition.Geometry], LayerBoundUnavailable> {
        func geometry(input: [Int], output: [Int]) -> ConvDenseComposition.Geometry {
            ConvDenseComposition.Geometry(
                kernel: conv.kernel, stride: conv.stride, dilation: conv.dilation, pads: conv.pads, group: conv.group,
                inputChannels: conv.inputChannels, outputChannels: conv.outputChannels, input: input, output: output)
        }
        if view.options.sizeSpecific {
            guard let input = conv.inputSize, let output = conv.outputSize, output.reduce(1, *) == pixels else {
                return .failure(LayerBoundUnavailable("not composed with the conv: its input size is unknown"))
            }
            return .success([geometry(input: input, output: output)])
        }
        guard conv.autoPad == .notSet || conv.autoPad == .valid else {
            return .failure(LayerBoundUnavailable(
                "not composed with the conv: auto_pad \(conv.autoPad.rawValue) pads differently at other input sizes "
                    + "(the composition is certified at the model's size with --size-specific)"))
        }
        var splits = [(1, pixels)]
        if conv.spatialRank != 1 {
            splits = []
            var d = 1
            while d <= pixels / d {
                if pixels % d == 0 { splits += d == pixels / d ? [(d, d)] : [(d, pixels / d), (pixels / d, d)] }
                d += 1
            }
        }
        var found: [ConvDenseComposition.Geometry] = []
        for (m1, m2) in splits {
            // The conv's own numbers and the split in range before computing the input size from them.
            guard geometry(input: [m1, m2], output: [m1, m2]).isInRange else { continue }
            let input = [largestInput(conv, axis: 0, output: m1), largestInput(conv, axis: 1, output: m2)]
            let g = geometry(input: input, output: [m1, m2])
            if g.isInRange { found.append(g) }
        }
        guard !found.isEmpty else { return .failure(LayerBoundUnavailable("not composed with the conv: no input size gives its output")) }
        return .success(found)
    }

    /// The largest input size along `axis` for which `conv` gives `output` pixels: `m·s + (k − 1)·d − pads`.
    private func largestInput(_ conv: ConvLayer, axis: Int, output m: Int) -> Int {
        let reach: Int = (conv.kernel[axis] - 1) * conv.dilation[axis]
        let pads: Int = conv.pads[axis] + conv.pads[axis + 2]
        return m * conv.stride[axis] + reach - pads
    }
}
