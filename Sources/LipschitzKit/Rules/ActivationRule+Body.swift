import ONNXModel

/// Element-wise nonlinear functions: the factor is `sup |f'|` over the input's range (a global constant for
/// the activations of §6; range-dependent for Exp, Log, Sqrt, Reciprocal).
extension ActivationRule {
    /// The rule when `node` is a unary element-wise function, else `nil`.
    func activationRule(_ node: Node) -> [OutputRule]? {
        let op = node.opType
        let known: Set<String> = [
            "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Tanh", "Sigmoid", "HardSigmoid", "HardSwish",
            "Softplus", "Softsign", "Clip", "Mish", "Gelu", "Erf", "Abs", "Neg", "Sin", "Cos", "Atan", "Asinh",
            "Softmax", "LogSoftmax", "Exp", "Log", "Sqrt", "Reciprocal", "TopK",
        ]
        guard known.contains(op) else { return nil }
        guard let x = node.input(0) else { return unknown(node, "\(op) has no input") }
        let r = range(x)
        /// The node's rule with `factor`, its output range mapped channel by channel.
        func rule(_ factor: Double, _ transform: (Interval) -> Interval) -> [OutputRule] {
            [scaled(node, x, factor, mapChannels(x, to: node.outputs.first, transform))]
        }
        switch op {
        case "Relu":
            return rule(ActivationConstants.relu) { r in Interval(max(r.lower, 0), max(r.upper, 0)) }
        case "LeakyRelu":
            let alpha = float(node, "alpha") ?? 0.01
            return rule(max(1, Outward.up(abs(alpha)))) { r in r.hull(r.scaled(by: alpha)) }
        case "Elu":
            // α(eˣ − 1) lies between −α and 0 for x < 0.
            let alpha = float(node, "alpha") ?? 1
            return rule(max(1, Outward.up(abs(alpha)))) { r in Interval(-abs(alpha), max(r.upper, 0)).hull(.point(0)) }
        case "Selu":
            let alpha = float(node, "alpha") ?? 1.67326319217681884765625
            let gamma = float(node, "gamma") ?? 1.05070102214813232421875
            return rule(Outward.up(abs(gamma) * max(1, abs(alpha)))) { r in
                r.scaled(by: gamma).hull(Interval(-Outward.up(abs(gamma * alpha)), 0))
            }
        case "Celu":
            let alpha = float(node, "alpha") ?? 1
            return rule(1) { r in r.hull(Interval(-abs(alpha), 0)) }
        case "PRelu":
            guard let slope = node.input(1), !isDependent(slope), let values = constantValues(slope) else {
                return unknown(node, "PRelu slope is not known at analysis time")
            }
            let s = values.map { abs($0) }.max() ?? 0
            return rule(max(1, Outward.up(s))) { r in r.hull(r * Interval(values: values)).hull(.point(0)) }
        case "Tanh":
            return rule(ActivationConstants.tanh) { r in r.mapIncreasing(CMath.tanh).clamped(to: Interval(-1, 1)) }
        case "Sigmoid":
            return rule(ActivationConstants.sigmoid) { r in r.mapIncreasing(Self.sigmoid).clamped(to: .unit) }
        case "HardSigmoid":
            let alpha = float(node, "alpha") ?? 0.2
            let beta = float(node, "beta") ?? 0.5
            return rule(Outward.up(abs(alpha))) { r in
                let out = r.scaled(by: alpha) + .point(beta)
                return Interval(min(max(out.lower, 0), 1), max(min(out.upper, 1), 0))
            }
        case "HardSwish":
            // x·relu6(x + 3)/6 ≥ −0.375 (its minimum, at x = −1.5), ≥ 0 for x ≥ 0, and ≤ max(x, 0).
            return rule(ActivationConstants.hardSwish) { r in Interval(r.lower >= 0 ? 0 : -0.375, max(r.upper, 0)) }
        case "Softplus":
            return rule(1) { r in Interval(0, r.upper.isFinite ? Outward.up(max(r.upper, 0) + CMath.log1p(CMath.exp(-abs(r.upper)))) : .infinity) }
        case "Softsign":
            return rule(1) { r in Interval(-1, 1) }
        case "Clip":
            let lo = node.input(1).flatMap { scalarConstant($0) } ?? float(node, "min") ?? -.infinity
            let hi = node.input(2).flatMap { scalarConstant($0) } ?? float(node, "max") ?? .infinity
            for bound in node.inputs.dropFirst() where isDependent(bound) {
                return unknown(node, "Clip bound '\(bound)' depends on the input")
            }
            return rule(1) { r in Interval(min(max(r.lower, lo), hi), max(min(r.upper, hi), lo)) }
        case "Mish":
            return rule(ActivationConstants.mish) { r in Interval(-0.309, r.upper.isFinite ? max(r.upper, 0) : .infinity) }
        case "Gelu":
            return rule(ActivationConstants.gelu) { r in Interval(-0.1701, r.upper.isFinite ? max(r.upper, 0) : .infinity) }
        case "Erf":
            return rule(ActivationConstants.erf) { r in r.mapIncreasing(CMath.erf).clamped(to: Interval(-1, 1)) }
        case "Abs":
            return rule(1) { r in Interval(r.minimumMagnitude, r.magnitude) }
        case "Neg":
            return rule(1) { r in -r }
        case "Sin", "Cos":
            return rule(1) { r in Interval(-1, 1) }
        case "Atan":
            return rule(1) { r in Interval(-1.5707963267948968, 1.5707963267948968) }
        case "Asinh":
            return rule(1) { r in .unbounded }
        case "Softmax":
            // J = diag(p) − p·pᵀ has spectral norm ≤ 1/2; rows are independent (block diagonal).
            return rule(ActivationConstants.softmax) { r in .unit }
        case "LogSoftmax":
            // J = I − 1·pᵀ: ‖J‖₂ ≤ 1 + ‖1‖₂·‖p‖₂ ≤ 1 + √n, n the length of the softmax axis.
            guard let s = shape(x), !s.isEmpty else { return unknown(node, "LogSoftmax axis length is unknown") }
            let axis = int(node, "axis") ?? (opset >= 13 ? -1 : 1)
            let n = opset >= 13 ? s[(axis + s.count) % s.count] : s[((axis + s.count) % s.count)...].reduce(1, *)
            return rule(Outward.up(1 + Outward.sqrt(Double(n)))) { r in Interval(-.infinity, 0) }
        case "Exp":
            guard r.upper.isFinite else { return unknown(node, "Exp needs an upper bound on its input (declare --input-range)") }
            let factor = r.mapIncreasing(CMath.exp).upper
            return rule(factor) { r in
                let out = r.mapIncreasing(CMath.exp)
                return Interval(max(out.lower, 0), out.upper)
            }
        case "Sqrt" where l2PoolingTerm(node) != nil:
            let term = l2PoolingTerm(node)!
            let upper = r.upper.isFinite ? Outward.sqrt(max(r.upper, 0)) : Double.infinity
            return [.bound(.sum, [term], Interval(0, upper))]
        case "Sqrt" where magnitudeTerms(x) != nil:
            // √(Σ_j a_j² + c), c ≥ 0: a Euclidean norm of (a_1, …, √c), 1-Lipschitz in (a_1, a_2, …) jointly.
            let terms = magnitudeTerms(x)!.map { OutputRule.Term(source: $0.source, factor: $0.copies, steps: [step(node, $0.copies)]) }
            let out = Interval(CMath.sqrt(max(r.lower, 0)).nextDown, r.upper.isFinite ? Outward.sqrt(max(r.upper, 0)) : .infinity)
            return [.bound(.rootSumSquare, terms, Interval(max(out.lower, 0), out.upper))]
        case "Log", "Sqrt", "Reciprocal":
            guard r.lower > 0 else {
                return unknown(node, "\(op) needs its input bounded away from 0 (declare --input-range)")
            }
            switch op {
            case "Log": return rule(Outward.up(1 / r.lower)) { r in r.mapIncreasing(CMath.log) }
            case "Sqrt":
                return rule(Outward.up(1 / Outward.down(2 * CMath.sqrt(r.lower)))) { r in r.mapIncreasing(CMath.sqrt) }
            default:
                return rule(Outward.up(1 / Outward.down(r.lower * r.lower))) { r in r.reciprocal ?? .unbounded }
            }
        case "TopK":
            // Sorting is non-expansive in ℓ2, so the values output is 1-Lipschitz; the indices are not.
            return node.outputs.enumerated().map { item in
                item.offset == 0 ? scaled(node, x, 1, r)
                    : .unknown("TopK indices are discontinuous in the input", .unbounded)
            }
        default:
            return nil
        }
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + CMath.exp(-x)) }

    /// When `sum` is `a² + b² (+ c)` (squares as `Pow(t, 2)` or `t·t`, `c` a constant ≥ 0, any nesting of
    /// Add), the input-dependent bases with the broadcast factor of each square into the sum; else `nil`.
    func magnitudeTerms(_ sum: String) -> [(source: String, copies: Double)]? {
        var parts: [String] = []
        var pending = [sum]
        while let value = pending.popLast() {
            guard parts.count < 8 else { return nil }
            if let index = producers[value], graph.nodes[index].opType == "Add", graph.nodes[index].isDefaultDomain,
                let a = graph.nodes[index].input(0), let b = graph.nodes[index].input(1)
            {
                pending += [a, b]
            } else {
                parts.append(value)
            }
        }
        var result: [(String, Double)] = []
        for part in parts {
            if !isDependent(part) {
                guard range(part).lower >= 0 else { return nil }
                continue
            }
            guard let index = producers[part] else { return nil }
            let square = graph.nodes[index]
            guard square.isDefaultDomain, let base = square.input(0) else { return nil }
            switch square.opType {
            case "Pow": guard square.input(1).flatMap({ scalarConstant($0) }) == 2 else { return nil }
            case "Mul": guard square.input(1) == base else { return nil }
            default: return nil
            }
            // The square has its base's shape; its copies into the sum come from the Add broadcasts.
            guard let baseShape = shape(base), let sumShape = shape(sum) else { return nil }
            let baseCount = max(baseShape.reduce(1, *), 1)
            let sumCount = sumShape.reduce(1, *)
            guard sumCount % baseCount == 0 else { return nil }
            result.append((base, Outward.sqrt(Double(sumCount / baseCount))))
        }
        return result.isEmpty ? nil : result
    }
}
