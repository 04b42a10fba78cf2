import ONNXModel

/// Diagonal per-channel scales folded into the conv next to them (a BatchNormalization, or a Mul/Div by a
/// per-channel constant): shared by the BatchNorm, arithmetic and linear-layer rules and the fold query.
extension PassReading {
    /// `a·b` (or `a/b` when `invert`) as a diagonal scale of the input-dependent operand's channels (axis 1):
    /// the operand and one value per channel (a scalar repeated), `1/c` rounded away from 0 when inverted (a
    /// folded norm is monotone in |scale|). `nil` unless the other operand is a constant of shape `[C]` padded
    /// with ones on the channel axis (or a scalar), so that nothing is copied by broadcasting. `features`: the
    /// operand is an N×K matrix scaled per feature (axis 1 of rank 2) instead of an N×C×… tensor.
    func channelScale(_ a: String, _ b: String, invert: Bool, features: Bool = false) -> (variable: String, scale: [Double])? {
        channelScale(a, b, invert: invert, features: features, dependence: { isDependent($0) })
    }

    /// `channelScale(_:_:invert:features:)` with input dependence told by `isDependent` (the fold query's
    /// structural dependence, before propagation).
    func channelScale(
        _ a: String, _ b: String, invert: Bool, features: Bool = false, dependence isDependent: (String?) -> Bool
    ) -> (variable: String, scale: [Double])? {
        let (variable, constant) = isDependent(a) ? (a, b) : (b, a)
        guard isDependent(variable), !isDependent(constant), !invert || variable == a,
            let rank = shape(variable)?.count, rank == 2 || !features,
            let count = features ? shape(variable).map({ $0[1] }) : channelCount(variable), count > 0,
            let tensor = constants.tensor(constant), let values = try? tensor.doubles()
        else { return nil }
        let padded = [Int](repeating: 1, count: max(rank - tensor.dims.count, 0)) + tensor.dims
        let perChannel = padded.count == rank && padded[1] == count
            && padded.enumerated().allSatisfy { $0.offset == 1 || $0.element == 1 }
        guard values.count == 1 || perChannel else { return nil }
        var scale = values.count == 1 ? [Double](repeating: values[0], count: count) : values
        if invert {
            guard scale.allSatisfy({ $0 != 0 }) else { return nil }
            scale = scale.map { c in
                let m = Outward.up(1 / abs(c))
                return c < 0 ? -m : m
            }
        }
        return (variable, scale)
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
        guard let (producer, layer, convInput) = foldTarget(node, input: x, channels: scale.count, dependence: { isDependent($0) })
        else { return nil }
        guard let bound = try? bounds.upperBound(conv: layer, outputChannelScale: scale) else { return nil }
        return OutputRule.Term(source: convInput, factor: bound, steps: [step(producer, bound), step(node, 1)])
    }

    /// The Conv/ConvTranspose producing `x` that `GraphPatterns` found `node` folds into, with `channels`
    /// output channels and fixed weights and bias, and its data input; `nil` otherwise.
    func foldTarget(
        _ node: Node, input x: String, channels: Int, dependence isDependent: (String?) -> Bool
    ) -> (producer: Node, layer: ConvLayer, input: String)? {
        guard let producerIndex = producers[x], patterns.channelScaleFolds[node.index] == producerIndex else {
            return nil
        }
        let producer = graph.nodes[producerIndex]
        guard producer.opType == "Conv" || producer.opType == "ConvTranspose", producer.isDefaultDomain,
            let layer = convs[producerIndex], layer.outputChannels == channels, let convInput = producer.input(0),
            producer.inputs.dropFirst().allSatisfy({ !isDependent($0) })
        else { return nil }
        return (producer, layer, convInput)
    }
}
