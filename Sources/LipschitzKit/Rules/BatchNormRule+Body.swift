import ONNXModel

/// BatchNormalization (inference): the diagonal map `y_c = s_c·(x_c − mean_c) + B_c`, `s_c = γ_c/√(var_c + ε)`.
extension BatchNormRule {
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
}
