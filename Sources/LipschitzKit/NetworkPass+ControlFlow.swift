import ONNXModel

/// If with a condition that does not depend on the selected inputs: the output is one branch's output for
/// every input, so `L(out) ≤ max(L_then, L_else)` (only the chosen branch when the condition is constant).
/// Each branch is propagated by its own pass, which starts from this pass's states (outer values keep their
/// bounds); the critical path continues into the branch with the larger bound.
extension NetworkPass {
    static let maxBranchDepth = 16

    func ifRule(_ node: Node) -> [OutputRule] {
        guard let condition = node.input(0) else { return unknown(node, "If has no condition") }
        guard !isDependent(condition) else {
            return unknown(node, "If with an input-dependent condition switches discontinuously between branches")
        }
        // An outer value the branches read that is already unknown: keep its blockers (this pass's indices).
        if let blocked = (subgraphInputs[node.index] ?? []).first(where: { isDependent($0) && states[$0]?.lipschitz == nil }) {
            return node.outputs.map { _ in .bound(.sum, [.init(source: blocked, factor: 1, steps: [step(node, 1)])], .unbounded) }
        }
        var branches: [Graph] = []
        for name in ["then_branch", "else_branch"] {
            guard case .graph(let g) = node.attribute(name) else { return unknown(node, "If without \(name)") }
            branches.append(g)
        }
        if let chosen = scalarConstant(condition) { branches = [chosen != 0 ? branches[0] : branches[1]] }
        guard depth < Self.maxBranchDepth else { return unknown(node, "If nested too deeply") }
        let passes = branches.map { graph -> NetworkPass in
            let pass = NetworkPass(branch: graph, parent: self)
            pass.run()
            return pass
        }
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
                    reasons.append(pass.blockingSummary(state.blockers))
                    continue
                }
                if best == nil || bound > best!.bound {
                    best = (bound, pass.criticalPath(to: graph.outputs[k].name) + [step(node, 1)])
                }
            }
            let outRange = range ?? .unbounded
            guard reasons.isEmpty, let best else {
                return .resolved(lipschitz: nil, range: outRange, path: [], reason: "If branches blocked: " + reasons.joined(separator: "; "))
            }
            return .resolved(lipschitz: best.bound, range: outRange, path: best.path, reason: "")
        }
    }

    /// How deep this pass sits in If branches.
    var depth: Int {
        var count = 0
        var current = parent
        while let p = current {
            count += 1
            current = p.parent
        }
        return count
    }

    /// One line naming the blocking nodes of a branch (`op 'node': reason`, first three).
    func blockingSummary(_ blockers: Set<Int>) -> String {
        let items = blockers.sorted().prefix(3).map { index -> String in
            let node = graph.nodes[index]
            return "\(Self.opLabel(node)) '\(label(node))': \(blockReasons[index] ?? "no rule")"
        }
        let more = blockers.count > 3 ? " (+\(blockers.count - 3) more)" : ""
        return items.joined(separator: "; ") + more
    }
}
