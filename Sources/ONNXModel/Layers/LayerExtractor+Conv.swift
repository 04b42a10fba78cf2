/// Conv, ConvTranspose, QLinearConv and ConvInteger nodes → `ConvLayer`; other conv-like nodes →
/// `UnsupportedLayer`.
extension LayerExtractor {
    func convLayer(_ site: StaticShapePass.NodeSite) -> Outcome<ConvLayer> {
        let node = site.node
        let scope = site.scope
        guard node.isDefaultDomain else {
            return .unsupported(Self.unsupported(site, "operator \(node.domain).\(node.opType) is not analysed"))
        }
        let op: ConvLayer.Operator
        switch node.opType {
        case "Conv": op = .conv
        case "ConvTranspose": op = .convTranspose
        case "QLinearConv": op = .qLinearConv
        case "ConvInteger": op = .convInteger
        case "DeformConv":
            return .unsupported(Self.unsupported(site, "DeformConv (sampling positions depend on the input) is not analysed"))
        default:
            return .unsupported(Self.unsupported(site, "operator \(node.opType) is not analysed"))
        }
        let (xIndex, wIndex) = op == .qLinearConv ? (0, 3) : (0, 1)
        guard let weightName = node.input(wIndex) else {
            return .unsupported(Self.unsupported(site, "\(node.opType) has no weight input"))
        }
        let xName = node.input(xIndex) ?? ""
        let inputShape = scope.shape(xName)
        let storedWeightShape = scope.shape(weightName)
        let kernelAttribute = node.attribute("kernel_shape")?.ints
        guard let rank = storedWeightShape.map({ $0.count - 2 }) ?? kernelAttribute?.count ?? inputShape.map({ $0.count - 2 })
        else {
            return .unsupported(Self.unsupported(site, "the rank of weight '\(weightName)' is unknown"))
        }
        guard rank == 1 || rank == 2 else {
            let what = rank == 3 ? "3-D convolution" : "\(rank)-D convolution"
            return .unsupported(Self.unsupported(site, "\(what) (weight rank \(rank + 2)) is not analysed"))
        }
        let attributes: ConvAttributes
        do {
            attributes = try ConvAttributes(node: node, spatialRank: rank)
        } catch {
            guard case .invalid(let text) = error else { return .skip }
            return .unsupported(Self.unsupported(site, "invalid attributes: \(text)"))
        }
        guard let kernel = attributes.kernelShape ?? storedWeightShape.map({ Array($0.dropFirst(2)) }) else {
            return .unsupported(Self.unsupported(site, "kernel size unknown (no kernel_shape, weight shape unknown)"))
        }
        if let weight = storedWeightShape, weight.count == rank + 2, Array(weight.dropFirst(2)) != kernel {
            return .unsupported(Self.unsupported(
                site, "kernel_shape \(kernel) does not match weight '\(weightName)' of shape \(weight)"))
        }
        if let problem = Self.invalidGeometry(
            op: op, weightName: weightName, weightShape: storedWeightShape, kernel: kernel, group: attributes.group,
            inputName: xName, inputShape: inputShape, rank: rank)
        {
            return .unsupported(Self.unsupported(site, problem))
        }
        let spatialInput = inputShape.flatMap { $0.count == rank + 2 ? Array($0.dropFirst(2)) : nil }
        let resolved: (pads: [Int]?, output: [Int]?, outputPadding: [Int])
        if op == .convTranspose {
            resolved = attributes.resolveTranspose(input: spatialInput, kernel: kernel, legacySplit: opset < 11)
        } else {
            let conv = attributes.resolveConv(input: spatialInput, kernel: kernel)
            resolved = (conv.pads, conv.output, attributes.outputPadding)
        }
        let outputShape = node.outputs.first.flatMap { scope.shape($0) }
        let outputSpatial = resolved.output ?? outputShape.flatMap { $0.count == rank + 2 ? Array($0.dropFirst(2)) : nil }

        // Lift 1-D geometry to 2-D with a height-1 axis.
        func lift(_ values: [Int], height: Int) -> [Int] { rank == 2 ? values : [height] + values }
        let pads: [Int]
        if let explicit = resolved.pads {
            pads = rank == 2 ? explicit : [0, explicit[0], 0, explicit[1]]
        } else {
            pads = [0, 0, 0, 0]
        }
        let weights = weightValues(site, op: op, weightName: weightName)
        let weightShape = storedWeightShape ?? []
        let group = attributes.group
        var inputChannels = inputShape?[safe: 1] ?? 0
        var outputChannels = outputShape?[safe: 1] ?? 0
        if weightShape.count == rank + 2 {
            if op == .convTranspose {
                inputChannels = weightShape[0]
                outputChannels = weightShape[1] * group
            } else {
                outputChannels = weightShape[0]
                inputChannels = weightShape[1] * group
            }
        }
        var layer = ConvLayer(
            name: Self.name(of: node), nodeIndex: node.index, graph: site.graph.path, op: op, weightName: weightName,
            weights: weights.weights, weightShape: weightShape, spatialRank: rank, kernel: lift(kernel, height: 1),
            stride: lift(attributes.strides, height: 1), dilation: lift(attributes.dilations, height: 1), pads: pads,
            group: group, outputPadding: lift(resolved.outputPadding, height: 0),
            inputSize: spatialInput.map { lift($0, height: 1) }, outputSize: outputSpatial.map { lift($0, height: 1) },
            inputChannels: inputChannels, outputChannels: outputChannels,
            quantized: op == .qLinearConv || op == .convInteger, integerUnits: weights.integerUnits)
        layer.autoPad = attributes.autoPad
        layer.padsResolved = resolved.pads != nil
        return .layer(layer)
    }

    /// The layer's weights as `Double`s: plain for Conv/ConvTranspose, dequantized for QLinearConv, zero point
    /// removed (and a following constant `Mul` scale folded when there is one) for ConvInteger.
    func weightValues(_ site: StaticShapePass.NodeSite, op: ConvLayer.Operator, weightName: String)
        -> (weights: ConvLayer.Weights, integerUnits: Bool)
    {
        let node = site.node
        let scope = site.scope
        // A stored initializer or Constant value is handed on undecoded: the analysis decodes one layer's
        // weights at a time, so a model's weights are never all held as Doubles at once.
        if op == .conv || op == .convTranspose, let stored = scope.storedTensor(weightName) {
            return (.constant(stored), false)
        }
        guard let raw = scope.constant(weightName) else {
            return (.notStatic(reason: Self.notStaticReason(weightName, scope: scope)), op == .convInteger)
        }
        func value(_ index: Int) -> FoldedTensor?? {
            guard let name = node.input(index) else { return .some(nil) }  // omitted: fine
            guard let value = scope.constant(name) else { return nil }  // present but not static
            return .some(value)
        }
        switch op {
        case .conv, .convTranspose:
            return (.constant(raw.tensor(named: weightName)), false)
        case .qLinearConv:
            guard let scale = value(4), let scale, let zero = value(5) else {
                return (.notStatic(reason: "weight scale or zero point of '\(weightName)' is not static"), false)
            }
            guard let values = Self.dequantized(raw, scale: scale, zeroPoint: zero) else {
                return (.notStatic(reason: "weight scale of \(scale.count) values does not fit weight \(raw.dims)"), false)
            }
            return (.constant(values.tensor(named: weightName)), false)
        case .convInteger:
            guard let zero = value(3) else {
                return (.notStatic(reason: "weight zero point of '\(weightName)' is not static"), true)
            }
            let unit = FoldedTensor.scalar(1, .float)
            guard var values = Self.dequantized(raw, scale: unit, zeroPoint: zero) else {
                return (.notStatic(reason: "weight zero point does not fit weight \(raw.dims)"), true)
            }
            if let scale = followingScale(site, outputChannels: raw.dims.first ?? 0),
                let scaled = Self.dequantized(values, scale: scale, zeroPoint: nil)
            {
                values = scaled
                return (.constant(values.tensor(named: weightName)), false)
            }
            return (.constant(values.tensor(named: weightName)), true)
        }
    }

    /// `scale · (w − zero_point)`, per tensor (one scale) or per output channel (axis 0).
    static func dequantized(_ w: FoldedTensor, scale: FoldedTensor, zeroPoint: FoldedTensor?) -> FoldedTensor? {
        let channels = w.dims.first ?? 1
        let inner = w.count / Swift.max(channels, 1)
        func perChannel(_ t: FoldedTensor?) -> [Double]? {
            guard let t else { return [Double](repeating: 0, count: channels) }
            if t.count == 1 { return [Double](repeating: t.values[0], count: channels) }
            return t.count == channels ? t.values : nil
        }
        guard let s = perChannel(scale), let z = perChannel(zeroPoint) else { return nil }
        var values = w.values
        for index in 0..<values.count {
            let channel = index / Swift.max(inner, 1)
            values[index] = s[channel] * (values[index] - z[channel])
        }
        return FoldedTensor(dims: w.dims, elementType: .double, values: values)
    }

    /// The constant scale of a `Mul` that is the only consumer of a ConvInteger's output (directly or after a
    /// `Cast`): one value, or one per output channel laid out along axis 1 of the output.
    func followingScale(_ site: StaticShapePass.NodeSite, outputChannels: Int) -> FoldedTensor? {
        func soleConsumer(of value: String) -> Node? {
            let consumers = site.graph.nodes.filter { $0.inputs.contains(value) }
            return consumers.count == 1 ? consumers[0] : nil
        }
        guard var value = site.node.outputs.first, var consumer = soleConsumer(of: value) else { return nil }
        if consumer.opType == "Cast", let next = consumer.outputs.first, let after = soleConsumer(of: next) {
            value = next
            consumer = after
        }
        guard consumer.opType == "Mul", consumer.isDefaultDomain, consumer.inputs.count == 2,
            let other = consumer.inputs.first(where: { $0 != value }), let scale = site.scope.constant(other)
        else { return nil }
        if scale.count == 1 { return scale }
        guard scale.count == outputChannels else { return nil }
        // Broadcast against (N, M, spatial...): the M entries must sit on axis 1 counted from the output's rank.
        let outputRank = (site.node.outputs.first.flatMap { site.scope.shape($0) }?.count) ?? 4
        guard scale.rank <= outputRank else { return nil }
        let padded = [Int](repeating: 1, count: outputRank - scale.rank) + scale.dims
        guard padded.count > 1, padded[1] == outputChannels,
            padded.enumerated().allSatisfy({ $0.offset == 1 || $0.element == 1 })
        else { return nil }
        return FoldedTensor(dims: [outputChannels], elementType: scale.elementType, values: scale.values)
    }

    /// Why a conv node is invalid as written (the model cannot run), or `nil`: an empty kernel or weight, a
    /// group that does not divide the weight's channels, or input channels that differ from what the weight
    /// takes. Such a node becomes an `UnsupportedLayer` with this reason, not a layer with figures.
    static func invalidGeometry(
        op: ConvLayer.Operator, weightName: String, weightShape: [Int]?, kernel: [Int], group: Int, inputName: String,
        inputShape: [Int]?, rank: Int
    ) -> String? {
        if kernel.contains(where: { $0 <= 0 }) {
            return "invalid: the kernel \(ShapeText.list(kernel)) of weight '\(weightName)' is empty"
        }
        guard let w = weightShape, w.count == rank + 2 else { return nil }
        if w.contains(0) {
            return "invalid: weight '\(weightName)' of shape \(ShapeText.list(w)) has no elements"
        }
        guard op == .conv || op == .convTranspose, group > 0 else { return nil }
        // Conv weight (cout, cin/g, k...): cout divisible by g; ConvTranspose weight (cin, cout/g, k...): cin.
        if w[0] % group != 0 {
            return "invalid: weight '\(weightName)' of shape \(ShapeText.list(w)) has \(w[0]) "
                + "\(op == .conv ? "output" : "input") channels, not divisible by group \(group)"
        }
        let expected = op == .conv ? w[1] * group : w[0]
        if let x = inputShape, x.count == rank + 2, x[1] != expected {
            return "invalid: input '\(inputName)' has \(x[1]) channels, but weight '\(weightName)' of shape "
                + "\(ShapeText.list(w)) with group \(group) takes \(expected)"
        }
        return nil
    }
}
