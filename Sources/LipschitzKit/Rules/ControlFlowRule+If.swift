import ONNXModel

/// If with a condition that does not depend on the selected inputs: the output is one branch's output for
/// every input, so `L(out) ≤ max(L_then, L_else)` (only the chosen branch when the condition is constant).
/// Each branch is propagated by its own pass, which starts from this pass's states (outer values keep their
/// bounds); the critical path continues into the branch with the larger bound.
extension ControlFlowRule {
    static let maxBranchDepth = 16

    func ifRule(_ node: Node) -> [OutputRule] {
        guard let condition = node.input(0) else { return unknown(node, "If has no condition") }
        guard !isDependent(condition) else {
            return unknown(node, "If with an input-dependent condition switches discontinuously between branches")
        }
        // An outer value the branches read that is already unknown: keep its blockers (this pass's indices).
        if let blocked = (view.subgraphInputs[node.index] ?? []).first(where: { isDependent($0) && state($0)?.lipschitz == nil }) {
            return node.outputs.map { _ in .bound(.sum, [.init(source: blocked, factor: 1, steps: [step(node, 1)])], .unbounded) }
        }
        var branches: [Graph] = []
        for name in ["then_branch", "else_branch"] {
            guard case .graph(let g) = node.attribute(name) else { return unknown(node, "If without \(name)") }
            branches.append(g)
        }
        if let chosen = scalarConstant(condition) { branches = [chosen != 0 ? branches[0] : branches[1]] }
        guard view.branchDepth < Self.maxBranchDepth else { return unknown(node, "If nested too deeply") }
        let passes = branches.map { view.propagate(branch: $0) }
        return node.outputs.indices.map { k -> OutputRule in
            var best: (bound: Double, path: [PathStep])?
            var range: Interval?
            var reasons: [String] = []
            for (pass, graph) in zip(passes, branches) {
                guard k < graph.outputs.count, let state = pass.states[graph.outputs[k].name] else {
                    reasons.append("\(graph.path) has no output \(k)")
                    continue
                }
                range = range.map { $0.hull(state.range) } ?? state.range
                guard state.dependsOnInput else {
                    if best == nil { best = (0, []) }
                    continue
                }
                guard let bound = state.lipschitz else {
                    reasons.append(PassReport(pass: pass).blockingSummary(state.blockers))
                    continue
                }
                if best == nil || bound > best!.bound {
                    best = (bound, PassReport(pass: pass).criticalPath(to: graph.outputs[k].name) + [step(node, 1)])
                }
            }
            let outRange = range ?? .unbounded
            guard reasons.isEmpty, let best else {
                return .resolved(lipschitz: nil, range: outRange, path: [], reason: "If branches blocked: " + reasons.joined(separator: "; "))
            }
            return .resolved(lipschitz: best.bound, range: outRange, path: best.path, reason: "")
        }
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
