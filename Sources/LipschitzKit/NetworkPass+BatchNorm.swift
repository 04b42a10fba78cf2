import ONNXModel

/// BatchNormalization (inference): the diagonal map `y_c = s_c·(x_c − mean_c) + B_c`, `s_c = γ_c/√(var_c + ε)`.
extension NetworkPass {
    func batchNormRule(_ node: Node) -> [OutputRule] {
        let extra = node.outputs.dropFirst().map { _ in
            OutputRule.unknown("BatchNormalization training-mode outputs have no rule", .unbounded)
        }
        guard let x = node.input(0) else { return unknown(node, "BatchNormalization has no input") }
        let params = (1...4).map { node.input($0) }
        for name in params.compactMap({ $0 }) where isDependent(name) {
            return unknown(node, "BatchNormalization parameter '\(name)' depends on the input")
        }
        guard params.allSatisfy({ $0 != nil }), let gamma = constantValues(params[0]!), let beta = constantValues(params[1]!),
            let mean = constantValues(params[2]!), let variance = constantValues(params[3]!),
            gamma.count == beta.count, gamma.count == mean.count, gamma.count == variance.count, !gamma.isEmpty
        else {
            return unknown(node, "BatchNormalization parameters are not known at analysis time")
        }
        let epsilon = float(node, "epsilon") ?? 1e-5
        guard let scale = batchNormScale(node) else {
            return unknown(node, "BatchNormalization has var + ε ≤ 0")
        }
        // Per-channel output ranges with s_c as an outward-rounded interval.
        let rank = max(shape(x)?.count ?? 4, 2)
        let inputs = channels(of: x, count: scale.count, rank: rank)
        let outChannels = (0..<scale.count).map { c -> Interval in
            let root = CMath.sqrt(variance[c] + epsilon)
            let lowRoot = Outward.down(Outward.down(root)), highRoot = Outward.up(Outward.up(root))
            let s = Interval(gamma[c], gamma[c]) * Interval(Outward.down(1 / highRoot), Outward.up(1 / lowRoot))
            return (inputs[c] - .point(mean[c])) * s + .point(beta[c])
        }
        let out = channelCount(node.outputs.first) == scale.count
            ? record(node.outputs.first, channels: outChannels)
            : outChannels.dropFirst().reduce(outChannels[0]) { $0.hull($1) }
        if let folded = foldedConvTerm(node, input: x, scale: scale) {
            return [.bound(.sum, [folded], out)] + extra
        }
        let factor = scale.map { abs($0) }.max() ?? 0
        return [scaled(node, x, factor, out)] + extra
    }

    /// `s_c = γ_c/√(var_c + ε)`, rounded away from 0 (the folded conv's norm is monotone in |s_c|); `nil` when
    /// the parameters are not constants of one length or `var + ε ≤ 0`.
    func batchNormScale(_ node: Node) -> [Double]? {
        guard let gamma = node.input(1).flatMap({ constantValues($0) }),
            let variance = node.input(4).flatMap({ constantValues($0) }), gamma.count == variance.count
        else { return nil }
        let epsilon = float(node, "epsilon") ?? 1e-5
        guard variance.allSatisfy({ $0 + epsilon > 0 }) else { return nil }
        return zip(gamma, variance).map { g, v -> Double in
            let root = Outward.down(CMath.sqrt(Outward.down(v + epsilon)))
            let magnitude = Outward.up(abs(g) / root)
            return g < 0 ? -magnitude : magnitude
        }
    }

    /// When `GraphPatterns` found `x` to be the output of a Conv/ConvTranspose that feeds only this node,
    /// the BN is folded into the conv's output channels: the term goes from the conv's input with the folded
    /// kernel's certified bound (never worse than the product, often much better). `nil` when not applicable
    /// or when the caller has no folded figure.
    func foldedConvTerm(_ node: Node, input x: String, scale: [Double]) -> OutputRule.Term? {
        guard let producerIndex = producers[x], patterns.channelScaleFolds[node.index] == producerIndex else {
            return nil
        }
        let producer = graph.nodes[producerIndex]
        guard producer.opType == "Conv" || producer.opType == "ConvTranspose", producer.isDefaultDomain,
            let layer = convs[producerIndex], layer.outputChannels == scale.count, let convInput = producer.input(0),
            producer.inputs.dropFirst().allSatisfy({ !isDependent($0) })
        else { return nil }
        guard let bound = try? calculator.bounds.upperBound(conv: layer, outputChannelScale: scale) else { return nil }
        return OutputRule.Term(source: convInput, factor: bound, steps: [step(producer, bound), step(node, 1)])
    }
}
