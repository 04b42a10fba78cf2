import ONNXModel

/// Conv, ConvTranspose, Gemm and MatMul: `L(y) = ‖T‖₂·L(x)` with the caller's certified figure, and
/// BatchNormalization, folded into a conv it directly follows.
extension LinearLayerRule {
    func convRule(_ node: Node) -> OutputRule {
        guard let x = node.input(0) else { return .unknown("\(node.opType) has no input", .unbounded) }
        let layer = convs[node.index]
        let outRange = layer.map { convRange(node, $0, input: x, bias: node.input(2)) } ?? .unbounded
        for operand in node.inputs.dropFirst() where isDependent(operand) {
            return .unknown("its weight or bias '\(operand)' depends on the input (not a fixed linear map)", outRange)
        }
        guard let layer else {
            let reason = unsupported[node.index]?.reason ?? "the layer's geometry could not be resolved"
            return .unknown(reason, outRange)
        }
        let own = layerBound(node, conv: layer, dependent: isDependent(x))
        if let circular = circularConvTerm(node, layer) { return .bound(.sum, [circular], outRange) }
        if case .success(let bound) = own, let better = bestComposed(
            [segmentTerm(node, layer), inputScaledConvTerm(node, layer)], than: bound, through: x)
        {
            // A composed segment (or folded input scale) beats the product of its factors.
            return .bound(.sum, [better], outRange)
        }
        switch own {
        case .success(let bound): return scaled(node, x, bound, outRange)
        case .failure(let error): return .unknown(error.reason, outRange)
        }
    }

    /// The candidate term with the smallest `factor·L(source)`, when that is below the layer's own bound
    /// times `L(x)` (or `L(x)` is unknown: a Div by a constant of mixed signs); `nil` otherwise.
    func bestComposed(_ candidates: [OutputRule.Term?], than bound: Double, through x: String) -> OutputRule.Term? {
        let limit = state(x)?.lipschitz.map { Outward.mul(bound, $0) } ?? .infinity
        var best: (term: OutputRule.Term, value: Double)?
        for case let term? in candidates {
            guard let from = state(term.source)?.lipschitz else { continue }
            let value = Outward.mul(term.factor, from)
            if value < limit, value < best?.value ?? .infinity { best = (term, value) }
        }
        return best?.term
    }

    /// The layer's own (unfolded) bound, recorded for the naive product when the layer acts on an
    /// input-dependent value.
    func layerBound(_ node: Node, conv: ConvLayer, dependent: Bool) -> Result<Double, LayerBoundUnavailable> {
        let result = Result { () throws(LayerBoundUnavailable) -> Double in
            try bounds.upperBound(conv: conv, outputChannelScale: nil)
        }
        if dependent { findings.unfoldedLayerBound = .some(try? result.get()) }
        return result
    }

    /// Output range of a conv, channel by channel, from the weights' positive/negative sums per
    /// (output, input) channel pair (ℓ∞); input ranges are widened to contain 0 because zero padding (and
    /// ConvTranspose's partial sums) add zeros. Records the output's channel ranges.
    func convRange(_ node: Node, _ layer: ConvLayer, input x: String, bias: String?) -> Interval {
        guard let sums = view.channelSums(of: layer) else { return .unbounded }
        let biasValues = bias.flatMap { constantValues($0) }
        let biasRange = bias.map { range($0) } ?? .point(0)
        let inputs = channels(of: x, count: sums.inPerGroup * sums.groups, rank: shape(x)?.count ?? 4)
        let out = sums.ranges(input: inputs) { j in
            if let b = biasValues, j < b.count { return .point(b[j]) }
            return bias == nil ? .point(0) : biasRange
        }
        return record(node.outputs.first, channels: out)
    }

    func denseRule(_ node: Node) -> OutputRule {
        guard let a = node.input(0), let b = node.input(1) else { return .unknown("\(node.opType) needs two operands", .unbounded) }
        if isDependent(a) && isDependent(b) { return runtimeMatMulRule(node, a, b) }
        guard let layer = dense[node.index] else {
            let reason = unsupported[node.index]?.reason ?? "the layer could not be resolved"
            return .unknown(reason, .unbounded)
        }
        let variable = layer.weightInputIndex == 1 ? a : b
        let isGemm = node.opType == "Gemm"
        let beta = isGemm ? float(node, "beta") ?? 1 : 0
        let c = isGemm ? node.input(2) : nil
        var outRange = denseRange(layer, input: range(variable))
        if let c { outRange = outRange + range(c).scaled(by: beta) }
        let result = Result { () throws(LayerBoundUnavailable) -> Double in
            try bounds.upperBound(dense: layer)
        }
        if isDependent(variable) { findings.unfoldedLayerBound = .some(try? result.get()) }
        var terms: [OutputRule.Term] = []
        if isDependent(variable) {
            switch result {
            case .success(let bound):
                let convSegment = convDenseSegment(node, layer)
                if let better = bestComposed(
                    [denseSegmentTerm(node, layer), inputScaledDenseTerm(node, layer), convSegment.term], than: bound,
                    through: variable)
                {
                    terms.append(better)
                } else {
                    var own = step(node, bound)
                    if let reason = convSegment.refusal { own.op = "\(own.op) (\(reason))" }
                    terms.append(.init(source: variable, factor: bound, steps: [own]))
                }
            case .failure(let error): return .unknown(error.reason, outRange)
            }
        }
        if let c, isDependent(c) {
            guard let outShape = shape(node.outputs.first), let cShape = shape(c) else {
                return .unknown("the broadcast of Gemm's C cannot be sized: static shapes unknown (give --input-shape)", outRange)
            }
            let copies = Double(max(outShape.reduce(1, *) / max(cShape.reduce(1, *), 1), 1))
            let factor = Outward.mul(abs(beta), Outward.sqrt(copies))
            terms.append(.init(source: c, factor: factor, steps: [step(node, factor)]))
        }
        return .bound(.sum, terms, outRange)
    }

    /// Output range of a dense layer from its weight's coefficient sums along the contracted axis.
    func denseRange(_ layer: DenseLayer, input: Interval) -> Interval {
        guard case .constant(let tensor) = layer.weights, layer.weightShape.count == 2 else { return .unbounded }
        let rows = layer.weightShape[0]
        let cols = layer.weightShape[1]
        // Lines are output columns of W' (weight as B) or output rows of W' (weight as A).
        let transposed = layer.weightInputIndex == 1 ? layer.transB : layer.transA
        let linesAreRows = (layer.weightInputIndex == 1) == transposed
        if tensor.elementType == .float, let w = try? tensor.floats(), w.count == rows * cols, w.allSatisfy(\.isFinite) {
            // FLOAT weights read as `Float`, summed line by line in the same order: the same sums.
            let sums = CoefficientSums(rows: rows, cols: cols, linesAreRows: linesAreRows, finite: w)
            return sums.range(input: input) { _ in .point(0) }.scaled(by: layer.alpha)
        }
        guard let w = try? tensor.doubles(), w.count == rows * cols else { return .unbounded }
        let sums = CoefficientSums(lines: linesAreRows ? rows : cols, perLine: linesAreRows ? cols : rows) { j, k in
            linesAreRows ? w[j * cols + k] : w[k * cols + j]
        }
        return sums.range(input: input) { _ in .point(0) }.scaled(by: layer.alpha)
    }

    /// MatMul (or Gemm) of two input-dependent matrices: `Δ(AB) = ΔA·B + A·ΔB`, with each batch matrix's
    /// spectral norm bounded by its Frobenius norm `≤ M·√(rows·cols)`; batch broadcasting adds `√r`.
    func runtimeMatMulRule(_ node: Node, _ a: String, _ b: String) -> OutputRule {
        guard var sa = shape(a), var sb = shape(b), !sa.isEmpty, !sb.isEmpty else {
            return .unknown("a product of two input-dependent matrices needs their shapes", .unbounded)
        }
        let isGemm = node.opType == "Gemm"
        if isGemm {
            if int(node, "transA") ?? 0 != 0 { sa.reverse() }
            if int(node, "transB") ?? 0 != 0 { sb.reverse() }
        }
        if sa.count == 1 { sa = [1] + sa }
        if sb.count == 1 { sb = sb + [1] }
        let (m, k, n) = (sa[sa.count - 2], sa[sa.count - 1], sb[sb.count - 1])
        let batchA = sa.dropLast(2).reduce(1, *)
        let batchB = sb.dropLast(2).reduce(1, *)
        let outShape = shape(node.outputs.first)
        let batchOut = outShape.map { $0.count >= 2 ? $0.dropLast(2).reduce(1, *) : 1 } ?? max(batchA, batchB)
        let alpha = isGemm ? abs(float(node, "alpha") ?? 1) : 1
        let ra = range(a), rb = range(b)
        var outRange = (ra * rb).scaled(by: Double(k)).scaled(by: alpha)
        if isGemm, let c = node.input(2) { outRange = outRange + range(c).scaled(by: float(node, "beta") ?? 1) }
        guard ra.magnitude.isFinite, rb.magnitude.isFinite else {
            return .unknown(
                "a product of two input-dependent matrices needs bounds on both (declare --input-range)", outRange)
        }
        let normA = Outward.mul(ra.magnitude, Outward.sqrt(Double(m * k)))
        let normB = Outward.mul(rb.magnitude, Outward.sqrt(Double(k * n)))
        let factorA = Outward.mul(Outward.mul(normB, alpha), Outward.sqrt(Double(max(batchOut / max(batchA, 1), 1))))
        let factorB = Outward.mul(Outward.mul(normA, alpha), Outward.sqrt(Double(max(batchOut / max(batchB, 1), 1))))
        var terms: [OutputRule.Term] = [
            .init(source: a, factor: factorA, steps: [step(node, factorA)]),
            .init(source: b, factor: factorB, steps: [step(node, factorB)]),
        ]
        if isGemm, let c = node.input(2), isDependent(c) {
            return .unknown("Gemm with an input-dependent C and two input-dependent operands has no rule", outRange)
        }
        terms = terms.filter { isDependent($0.source) }
        return .bound(.sum, terms, outRange)
    }
}
