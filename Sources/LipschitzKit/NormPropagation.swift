import ONNXModel

/// A second, independent bound on the size of every value: `N(t) ≥ sup ‖t‖₂` over the input domain. For an
/// operator with `f(0) = 0` and partial Lipschitz factors `c_j`, `‖f(x)‖ = ‖f(x) − f(0)‖ ≤ Σ c_j·‖x_j‖`, so
/// `N` propagates with the same terms as `L` plus the norm of the operator's constant offset (a bias). Since
/// `|t_i| ≤ ‖t‖₂`, every range is then intersected with `[−N, N]`: this keeps the element-wise ranges, which
/// grow by ℓ∞ row sums per layer, from running away in deep networks (the ℓ2 growth is the layers' norms).
struct NormPropagation: PassReading {
    let view: PassView

    /// Operators with `f(0) = 0` whose rule terms are global Lipschitz factors (valid along the segment to 0).
    static let zeroPreserving: Set<String> = [
        "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Tanh", "HardSwish", "Softsign", "Neg", "Abs", "Erf",
        "Mish", "Gelu", "Sin", "Atan", "Asinh", "Identity", "Dropout", "Reshape", "Flatten", "Transpose", "Squeeze",
        "Unsqueeze", "Slice", "Split", "Cast", "Concat", "Gather", "Tile", "Expand", "SpaceToDepth", "DepthToSpace",
        "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceSum", "ReduceMax",
        "ReduceMin", "ReduceL2", "ReduceL1", "Resize", "Upsample", "TopK", "Where",
    ]

    /// Path-step labels of joint terms whose source-to-output map has a constant offset inside it.
    static let offsetHidingSteps: Set<String> = ["SLL residual", "Conv→Conv (segment)", "Gemm→Gemm (segment)"]

    /// The norm bound of `output` (position `position` of `node`) from its rule, or `nil` when the operator is
    /// not covered (then only `√count·M` applies).
    func normBound(_ node: Node, position: Int, rule: OutputRule) -> Double? {
        guard node.isDefaultDomain, case .bound(let combine, let allTerms, _) = rule else { return nil }
        let op = node.opType
        let operands = node.inputs.filter { !$0.isEmpty }
        let terms = allTerms.filter { isDependent($0.source) }
        // Joint terms that skip nodes with constant offsets (a segment's inner bias or BN shift, an SLL layer's
        // `A·S·σ(b)`): `f(0) ≠ 0` along them, so only `√count·M` applies.
        if terms.contains(where: { $0.steps.contains { Self.offsetHidingSteps.contains($0.op) } }) { return nil }
        func propagated() -> Double {
            let parts = terms.map { Outward.mul($0.factor, norm($0.source)) }
            switch combine {
            case .sum: return Outward.sum(parts)
            case .rootSumSquare: return Outward.sqrt(Outward.sum(parts.map { Outward.mul($0, $0) }))
            }
        }
        switch op {
        case _ where Self.zeroPreserving.contains(op):
            if op == "Where" { return nil }
            return propagated()
        case "Clip":
            let lo = node.input(1).flatMap { scalarConstant($0) } ?? float(node, "min") ?? -.infinity
            let hi = node.input(2).flatMap { scalarConstant($0) } ?? float(node, "max") ?? .infinity
            return lo <= 0 && hi >= 0 ? propagated() : nil
        case "Pad":
            let value = opset >= 11 ? node.input(2).flatMap { scalarConstant($0) } ?? 0 : float(node, "value") ?? 0
            return value == 0 ? propagated() : nil
        case "Add", "Sub", "Sum":
            // Constant operands add their broadcast norm.
            var total = propagated()
            for operand in operands where !isDependent(operand) {
                guard let copies = replicationFactor(of: operand, among: operands) else { return nil }
                total = Outward.add(total, Outward.mul(copies, norm(operand)))
            }
            return total
        case "Mul":
            // ‖a·b‖ ≤ M(b)·√r_a·‖a‖ and ≤ M(a)·√r_b·‖b‖.
            guard operands.count == 2 else { return nil }
            var best = Double.infinity
            for (j, k) in [(0, 1), (1, 0)] {
                guard let copies = replicationFactor(of: operands[j], among: operands) else { continue }
                best = min(best, Outward.mul(Outward.mul(range(operands[k]).magnitude, copies), norm(operands[j])))
            }
            return best
        case "Div":
            guard operands.count == 2, !isDependent(operands[1]), let r = range(operands[1]).reciprocal,
                let copies = replicationFactor(of: operands[0], among: operands)
            else { return nil }
            return Outward.mul(Outward.mul(r.magnitude, copies), norm(operands[0]))
        case "Conv", "ConvTranspose":
            return Outward.add(propagated(), biasNorm(node, bias: node.input(2)))
        case "Gemm", "MatMul":
            guard terms.count == 1 || op == "Gemm" else { return nil }
            var total = propagated()
            if op == "Gemm", let c = node.input(2), !isDependent(c) {
                let beta = abs(float(node, "beta") ?? 1)
                guard let outCount = shape(node.outputs.first)?.reduce(1, *), let cCount = shape(c)?.reduce(1, *),
                    cCount > 0
                else { return nil }
                total = Outward.add(total, Outward.mul(Outward.mul(beta, Outward.sqrt(Double(outCount / cCount))), norm(c)))
            }
            if terms.count == 2 { return nil }
            return total
        case "BatchNormalization":
            guard position == 0 else { return nil }
            return batchNormNormBound(node)
        default:
            return nil
        }
    }

    /// `‖bias‖₂·√(output positions)` of a conv (0 without bias); ∞ when sizes are unknown.
    func biasNorm(_ node: Node, bias: String?) -> Double {
        guard let bias else { return 0 }
        guard let out = shape(node.outputs.first), out.count >= 3 else { return .infinity }
        let positions = out.reduce(1, *) / max(out[1], 1)
        return Outward.mul(norm(bias), Outward.sqrt(Double(positions)))
    }

    /// `y = s·x + (β − s·mean)`: `‖y‖ ≤ max|s|·‖x‖ + ‖β − s·mean‖·√(positions)`.
    func batchNormNormBound(_ node: Node) -> Double? {
        guard let x = node.input(0), let g = node.input(1).flatMap({ constantValues($0) }),
            let b = node.input(2).flatMap({ constantValues($0) }), let mean = node.input(3).flatMap({ constantValues($0) }),
            let v = node.input(4).flatMap({ constantValues($0) }), g.count == b.count, g.count == mean.count,
            g.count == v.count, let out = shape(node.outputs.first), out.count >= 2
        else { return nil }
        let epsilon = float(node, "epsilon") ?? 1e-5
        var maxScale = 0.0
        var offset = 0.0
        for c in 0..<g.count {
            let s = g[c] / CMath.sqrt(v[c] + epsilon)
            maxScale = max(maxScale, abs(s))
            let o = b[c] - s * mean[c]
            offset += o * o
        }
        let positions = Double(out.reduce(1, *) / max(out[1], 1))
        let slack = 1 + 1e-12  // rounding of the sums above
        return Outward.add(
            Outward.mul(maxScale * slack, norm(x)), Outward.mul(Outward.sqrt(offset * slack), Outward.sqrt(positions)))
    }
}
