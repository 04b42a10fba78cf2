import ONNXModel

/// How a node's `OutputRule` and the recorded states of its inputs combine into the state of one output: the
/// bound (`Σ` or root-sum-square of the terms), its blockers, and the critical-path link — the dynamic
/// program's step. Reads the pass through its view; `NetworkPass` records the result.
struct OutputStateCombination {
    let view: PassView

    /// The output's state and, when its rule blocks at `node`, the reason to record for the node.
    func state(
        for rule: OutputRule, of node: Node, range: Interval, inputs: [String]
    ) -> (state: ValueState, blockReason: String?) {
        switch rule {
        case .independent:
            return (.independent(range), nil)
        case .resolved(let lipschitz, _, let path, let reason):
            guard let lipschitz, lipschitz.isFinite else {
                return (ValueState(dependsOnInput: true, lipschitz: nil, blockers: [node.index], range: range, path: nil), reason)
            }
            let product = path.reduce(1.0) { Outward.mul($0, $1.factor) }
            return (ValueState(
                dependsOnInput: true, lipschitz: lipschitz, blockers: [], range: range,
                path: PathLink(product: product, source: nil, steps: path)), nil)
        case .unknown(let reason, _):
            var blockers: Set<Int> = [node.index]
            for input in inputs { blockers.formUnion(view.state(input)!.blockers) }
            return (ValueState(dependsOnInput: true, lipschitz: nil, blockers: blockers, range: range, path: nil), reason)
        case .bound(let combine, let allTerms, _):
            let terms = allTerms.filter { view.state($0.source)?.dependsOnInput ?? true }
            if terms.isEmpty { return (.independent(range), nil) }
            var blockers: Set<Int> = []
            for term in terms { blockers.formUnion(view.state(term.source)?.blockers ?? [node.index]) }
            if !blockers.isEmpty {
                return (ValueState(dependsOnInput: true, lipschitz: nil, blockers: blockers, range: range, path: nil), nil)
            }
            let contributions = terms.map { Outward.mul($0.factor, view.state($0.source)!.lipschitz!) }
            let bound: Double
            switch combine {
            case .sum: bound = Outward.sum(contributions)
            case .rootSumSquare: bound = Outward.sqrt(Outward.sum(contributions.map { Outward.mul($0, $0) }))
            }
            guard bound.isFinite, terms.allSatisfy({ $0.factor.isFinite && $0.factor >= 0 }) else {
                let reason = "the bound exceeds the Double range (\(node.opType) compounds very large range or layer factors)"
                return (ValueState(dependsOnInput: true, lipschitz: nil, blockers: [node.index], range: range, path: nil), reason)
            }
            var link = bestLink(terms)
            // Root-sum-square rules (Concat, Max/Min) bound the output by more than the best term alone: the
            // node's step carries the rest, so the path's factors still multiply to the bound.
            if combine == .rootSumSquare, var best = link, best.product > 0, best.product < bound,
                let last = best.steps.indices.last
            {
                best.steps[last].factor = Outward.mul(best.steps[last].factor, Outward.up(bound / best.product))
                best.product = bound
                link = best
            }
            return (ValueState(dependsOnInput: true, lipschitz: bound, blockers: [], range: range, path: link), nil)
        }
    }

    /// The critical-path edge: the term maximizing `product(source)·factor`; ties go to the source computed
    /// first in node order (graph inputs first).
    func bestLink(_ terms: [OutputRule.Term]) -> PathLink? {
        var best: PathLink?
        var bestOrder = Int.max
        for term in terms {
            guard let link = view.state(term.source)?.path else { continue }
            let product = Outward.mul(link.product, term.factor)
            let order = view.producers[term.source] ?? -1
            if let current = best {
                if product < current.product || (product == current.product && order >= bestOrder) { continue }
            }
            best = PathLink(product: product, source: term.source, steps: term.steps)
            bestOrder = order
        }
        return best
    }
}
