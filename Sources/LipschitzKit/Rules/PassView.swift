import ONNXModel

/// The read-only view of a network pass that a rule gets for one node: the values already propagated (states,
/// recorded per-channel ranges, norm bounds), the graph index and its `GraphPatterns`, constants, static
/// shapes, the extracted layers and the caller's certified layer bounds. A rule reads it and returns a
/// `RuleOutcome`; only the pass records anything (the memo tables of `PassCache` aside, which never change a
/// result).
struct PassView {
    private let pass: NetworkPass

    init(_ pass: NetworkPass) { self.pass = pass }

    var graph: Graph { pass.graph }
    /// The node producing each value of `graph`, by value name.
    var producers: [String: Int] { pass.producers }
    var constants: ScopedConstants { pass.constants }
    var convs: [Int: ConvLayer] { pass.convs }
    var dense: [Int: DenseLayer] { pass.dense }
    var unsupported: [Int: UnsupportedLayer] { pass.unsupported }
    var patterns: GraphPatterns { pass.patterns }
    /// Outer-scope values a node's subgraphs read (If/Loop/Scan bodies), by node index.
    var subgraphInputs: [Int: [String]] { pass.subgraphInputs }
    /// The caller's certified per-layer bounds.
    var bounds: any LinearLayerBounds { pass.calculator.bounds }
    /// The options of the whole computation (`--size-specific` and friends).
    var options: NetworkBoundOptions { pass.calculator.options }
    /// The default-domain opset of the model.
    var opset: Int64 { pass.calculator.model.defaultOpset ?? pass.calculator.model.opsets[""] ?? 1 }

    /// The state of a value already propagated (or seeded); `nil` before.
    func state(_ name: String) -> ValueState? { pass.states[name] }

    /// The per-channel ranges recorded for a value, if any.
    func recordedChannels(_ name: String) -> [Interval]? { pass.channelRanges[name] }

    /// The full static shape of a value, when known.
    func shape(_ name: String?) -> [Int]? {
        guard let name, !name.isEmpty else { return nil }
        return pass.shapes[name] ?? constants.tensor(name)?.dims
    }

    /// `N(t) ≥ sup ‖t‖₂` of a value already visited (recorded by the pass), or of a constant or graph input
    /// (from its values or `√count·M`, memoized in `PassCache`).
    func norm(_ name: String) -> Double {
        if let known = pass.norms[name] { return known }
        if let memo = pass.cache.valueNorms[name] { return memo }
        var result = Double.infinity
        if let values = constantValues(name) {
            result = Outward.sqrt(Outward.sum(values.map { Outward.mul(abs($0), abs($0)) }))
        } else if let count = shape(name)?.reduce(1, *) {
            result = Outward.mul(Outward.sqrt(Double(count)), range(name).magnitude)
        }
        pass.cache.valueNorms[name] = result
        return result
    }

    /// The positive/negative weight sums of a conv per (output channel, input channel in group). Not memoized:
    /// each conv node is visited once per pass, and keeping every conv's sums held about twice the model's
    /// weights in `Double` (a 1×1 conv has as many sums as weights) until the pass ended.
    func channelSums(of layer: ConvLayer) -> ChannelSums? { ChannelSums(weightsOf: layer) }

    /// How deep this pass sits in If branches.
    var branchDepth: Int {
        var count = 0
        var current = pass.parent
        while let p = current {
            count += 1
            current = p.parent
        }
        return count
    }

    /// Propagates an If branch `graph` in a pass of its own that starts from this pass's states (outer values
    /// keep their bounds, ranges and paths); returns the finished branch pass.
    func propagate(branch graph: Graph) -> NetworkPass {
        let branch = NetworkPass(branch: graph, parent: pass)
        branch.run()
        return branch
    }

    /// The node's name as reported: prefixed with the graph path inside a subgraph.
    func label(_ node: Node) -> String {
        graph.path == "main" ? NetworkPass.name(of: node) : "\(graph.path)/\(NetworkPass.name(of: node))"
    }

    /// One path step for `node` with `factor`.
    func step(_ node: Node, _ factor: Double) -> PathStep {
        PathStep(node: label(node), op: NetworkPass.opLabel(node), factor: factor)
    }
}
