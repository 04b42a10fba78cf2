import ONNXModel

/// The report of a finished pass: the network bound of its graph's outputs (with critical paths and blocking
/// operators), read from the states the pass recorded.
struct PassReport {
    let pass: NetworkPass

    private var graph: Graph { pass.graph }

    /// The result value once `run()` has visited every node.
    func result() -> NetworkBound {
        let calculator = pass.calculator
        let options = calculator.options
        let outputs = graph.outputs.map { output -> OutputBound in
            guard let state = pass.states[output.name] else {
                return OutputBound(
                    name: output.name, upper: nil, kind: "unknown", criticalPath: [],
                    blockingOps: [BlockingOp(node: output.name, op: "Output", reason: "the output is never computed")])
            }
            guard state.dependsOnInput else {
                return OutputBound(name: output.name, upper: 0, kind: "upper", criticalPath: [], blockingOps: [])
            }
            guard let upper = state.lipschitz else {
                let blocking = state.blockers.sorted().map { index -> BlockingOp in
                    let node = graph.nodes[index]
                    return BlockingOp(
                        node: PassView(pass).label(node), op: NetworkPass.opLabel(node),
                        reason: pass.blockReasons[index] ?? "no rule")
                }
                return OutputBound(name: output.name, upper: nil, kind: "unknown", criticalPath: [], blockingOps: blocking)
            }
            return OutputBound(
                name: output.name, upper: upper, kind: "upper", criticalPath: criticalPath(to: output.name),
                blockingOps: [])
        }
        return NetworkBound(
            wrt: calculator.wrt, boundUsed: options.boundUsed.rawValue, sizeSpecific: options.sizeSpecific,
            outputs: outputs, naiveProduct: naiveProduct())
    }

    /// Follows the dynamic program's back pointers from `value` to an input.
    func criticalPath(to value: String) -> [PathStep] {
        var segments: [[PathStep]] = []
        var current: String? = value
        var guardCount = 0
        while let name = current, let link = pass.states[name]?.path, guardCount <= graph.nodes.count {
            segments.append(link.steps)
            current = link.source
            guardCount += 1
        }
        return segments.reversed().flatMap { $0 }
    }

    /// Product of the unfolded bounds of the conv and dense layers that act on input-dependent values;
    /// `nil` when one of them has no bound or the model has layers inside subgraphs.
    func naiveProduct() -> Double? {
        // Layers inside subgraphs (If/Loop/Scan bodies) are not propagated: no honest product then.
        let layers = pass.calculator.layers
        if layers.convs.contains(where: { $0.graph != "main" }) || layers.dense.contains(where: { $0.graph != "main" }) {
            return nil
        }
        var product = 1.0
        for index in pass.layerBounds.keys.sorted() {
            guard let bound = pass.layerBounds[index] ?? nil else { return nil }
            product = Outward.mul(product, bound)
        }
        return product
    }

    /// One line naming the blocking nodes of `blockers` (`op 'node': reason`, first three).
    func blockingSummary(_ blockers: Set<Int>) -> String {
        let items = blockers.sorted().prefix(3).map { index -> String in
            let node = graph.nodes[index]
            return "\(NetworkPass.opLabel(node)) '\(PassView(pass).label(node))': \(pass.blockReasons[index] ?? "no rule")"
        }
        let more = blockers.count > 3 ? " (+\(blockers.count - 3) more)" : ""
        return items.joined(separator: "; ") + more
    }
}
