import ONNXModel

/// Finding the common tensor `z` of a product's two operands and reading both as `ScalarForm`s of it.
extension ArithmeticRule {
    /// Element-wise operators a `ScalarForm` can pass through.
    static let formOperators: Set<String> = [
        "Identity", "Add", "Sub", "Mul", "Div", "Neg", "Sigmoid", "Tanh", "Erf", "Softplus", "HardSigmoid", "Clip", "Pow",
    ]

    /// The activation a product `a·b` computes, when both are element-wise functions of one tensor and the
    /// product matches a pattern of `ActivationPattern`.
    func recognisedActivation(_ node: Node, _ a: String, _ b: String) -> (root: String, constant: Double)? {
        let common = elementwiseAncestors(a).intersection(elementwiseAncestors(b))
        let candidates = common.sorted { (producers[$0] ?? -1) > (producers[$1] ?? -1) }
        for root in candidates.prefix(8) {
            guard let fa = form(a, root: root, depth: 0), let fb = form(b, root: root, depth: 0) else { continue }
            if let constant = ActivationPattern.lipschitz(of: .mul(fa, fb)) { return (root, constant) }
        }
        return nil
    }

    /// `t` and the input-dependent values it is computed from through element-wise operators (bounded walk).
    func elementwiseAncestors(_ t: String) -> Set<String> {
        var seen: Set<String> = [t]
        var frontier = [t]
        while let current = frontier.popLast(), seen.count < 64 {
            guard let index = producers[current] else { continue }
            let node = graph.nodes[index]
            guard node.isDefaultDomain, Self.formOperators.contains(node.opType) else { continue }
            for input in node.inputs where isDependent(input) && !seen.contains(input) {
                seen.insert(input)
                frontier.append(input)
            }
        }
        return seen
    }

    /// `t` as a scalar function of `root`, or `nil` when another input-dependent value enters.
    func form(_ t: String, root: String, depth: Int) -> ScalarForm? {
        if t == root { return .root }
        if !isDependent(t) { return scalarConstant(t).map(ScalarForm.constant) }
        guard depth < 16, let index = producers[t] else { return nil }
        let node = graph.nodes[index]
        guard node.isDefaultDomain, Self.formOperators.contains(node.opType), let x = node.input(0),
            let fx = form(x, root: root, depth: depth + 1)
        else { return nil }
        func second() -> ScalarForm? { node.input(1).flatMap { form($0, root: root, depth: depth + 1) } }
        switch node.opType {
        case "Identity": return fx
        case "Add": return second().map { .add(fx, $0) }
        case "Sub": return second().map { .add(fx, .mul(.constant(-1), $0)) }
        case "Mul": return second().map { .mul(fx, $0) }
        case "Div": return second().map { .div(fx, $0) }
        case "Neg": return .mul(.constant(-1), fx)
        case "Sigmoid": return .apply(.sigmoid, fx)
        case "Tanh": return .apply(.tanh, fx)
        case "Erf": return .apply(.erf, fx)
        case "Softplus": return .apply(.softplus, fx)
        case "HardSigmoid":
            return .apply(.hardSigmoid(float(node, "alpha") ?? 0.2, float(node, "beta") ?? 0.5), fx)
        case "Clip":
            let lo = node.input(1).flatMap { scalarConstant($0) } ?? float(node, "min") ?? -.infinity
            let hi = node.input(2).flatMap { scalarConstant($0) } ?? float(node, "max") ?? .infinity
            if node.inputs.dropFirst().contains(where: { isDependent($0) }) { return nil }
            return .apply(.clip(lo, hi), fx)
        case "Pow":
            guard let p = node.input(1).flatMap({ scalarConstant($0) }), p == p.rounded(), p >= 1, p <= 3 else { return nil }
            return (1..<Int(p)).reduce(fx) { acc, _ in .mul(acc, fx) }
        default: return nil
        }
    }
}
