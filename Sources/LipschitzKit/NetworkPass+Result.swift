import ONNXModel

extension NetworkPass {
    /// The result value once `run()` has visited every node.
    func result() -> NetworkBound {
        let options = calculator.options
        let outputs = graph.outputs.map { output -> OutputBound in
            guard let state = states[output.name] else {
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
                        node: label(node), op: Self.opLabel(node),
                        reason: blockReasons[index] ?? "no rule")
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
        while let name = current, let link = states[name]?.path, guardCount <= graph.nodes.count {
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
        let layers = calculator.layers
        if layers.convs.contains(where: { $0.graph != "main" }) || layers.dense.contains(where: { $0.graph != "main" }) {
            return nil
        }
        var product = 1.0
        for index in layerBounds.keys.sorted() {
            guard let bound = layerBounds[index] ?? nil else { return nil }
            product = Outward.mul(product, bound)
        }
        return product
    }

    /// The node's name, or `<op>_<index>` when empty (as `ModelLayers` names layers).
    static func name(of node: Node) -> String { node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name }

    /// The operator, with its domain when not the default one.
    static func opLabel(_ node: Node) -> String { node.isDefaultDomain ? node.opType : "\(node.domain).\(node.opType)" }

    /// The node's name as reported: prefixed with the graph path inside a subgraph.
    func label(_ node: Node) -> String {
        graph.path == "main" ? Self.name(of: node) : "\(graph.path)/\(Self.name(of: node))"
    }

    /// One path step for `node` with `factor`.
    func step(_ node: Node, _ factor: Double) -> PathStep {
        PathStep(node: label(node), op: Self.opLabel(node), factor: factor)
    }
}
