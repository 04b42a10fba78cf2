import ONNXModel

/// Dispatch from a node to its family's `OperatorRule` (`RuleRegistry`). Every rule returns one `OutputRule`
/// per node output; an operator without a rule returns `.unknown` with a reason — never a silent factor 1.
extension NetworkPass {
    /// The rules for `node`'s outputs, from the rule registry (vendor nodes: the recognised activations).
    func rules(for node: Node, dependent: Bool) -> [OutputRule] {
        guard node.isDefaultDomain else {
            if node.domain == "com.microsoft", let rule = vendorActivationRule(node) { return rule }
            return unknown(node, "operator \(node.domain).\(node.opType) is not in the default ONNX domain; no rule")
        }
        guard let rule = RuleRegistry.standard.rule(for: node.opType) else {
            return unknown(node, "no Lipschitz rule for \(node.opType)")
        }
        return rule.outputs(of: node, in: self)
    }

    /// Every output unknown for the same reason.
    func unknown(_ node: Node, _ reason: String) -> [OutputRule] {
        node.outputs.map { _ in .unknown(reason, .unbounded) }
    }

    /// `L(out) ≤ factor·L(source)` with the node as the one path step.
    func scaled(_ node: Node, _ source: String, _ factor: Double, _ range: Interval) -> OutputRule {
        .bound(.sum, [.init(source: source, factor: factor, steps: [step(node, factor)])], range)
    }

    /// Operator types inside `node`'s subgraphs (recursively) that have no rule, sorted, for the reason text.
    static func uncoveredOperators(inSubgraphsOf node: Node) -> [String] {
        var found = Set<String>()
        func scan(_ graph: Graph) {
            for inner in graph.nodes {
                let label = inner.isDefaultDomain ? inner.opType : "\(inner.domain).\(inner.opType)"
                if !inner.isDefaultDomain || !RuleRegistry.standard.coveredOperators.contains(inner.opType) { found.insert(label) }
                for attribute in inner.attributes {
                    switch attribute.value {
                    case .graph(let g): scan(g)
                    case .graphs(let gs): gs.forEach(scan)
                    default: break
                    }
                }
            }
        }
        for attribute in node.attributes {
            switch attribute.value {
            case .graph(let g): scan(g)
            case .graphs(let gs): gs.forEach(scan)
            default: break
            }
        }
        return found.sorted()
    }
}
