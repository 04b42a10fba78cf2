import ONNXModel

/// One run of `NetworkBoundCalculator` over one graph: walks the nodes in topological order, asks each node's
/// `OperatorRule` (from `RuleRegistry`) for a `RuleOutcome` through a read-only `PassView`, and records it —
/// the states of the node's outputs (bound, range, norm, critical-path link), the channel ranges it learned,
/// the blocking reason and the unfolded layer bound for the naive product. Nothing else writes these.
/// Lives only for one `compute()` call.
final class NetworkPass {
    let calculator: NetworkBoundCalculator
    /// The graph this pass walks: the main graph, or an If branch (with `parent` the enclosing pass).
    let graph: Graph
    let parent: NetworkPass?
    let constants: ScopedConstants
    /// Full static shapes of the graph's values (and of its outer scopes' values).
    let shapes: [String: [Int]]
    let producers: [String: Int]
    let consumers: [String: [Int]]
    let graphOutputs: Set<String>
    let convs: [Int: ConvLayer]
    let dense: [Int: DenseLayer]
    let unsupported: [Int: UnsupportedLayer]
    /// The structural patterns of `graph`, found before propagation.
    let patterns: GraphPatterns

    private(set) var states: [String: ValueState] = [:]
    /// Unfolded bounds of the linear layers visited with an input-dependent operand (for the naive product),
    /// by node index; `nil` when unavailable.
    private(set) var layerBounds: [Int: Double?] = [:]
    /// Reasons of the nodes whose rules failed, by node index.
    private(set) var blockReasons: [Int: String] = [:]
    /// Per-channel ranges of values whose rules know them (`OperatorRule+Channels`).
    private(set) var channelRanges: [String: [Interval]] = [:]
    /// Bounds `N(t) ≥ sup ‖t‖₂` of the visited values (`NormPropagation`).
    private(set) var norms: [String: Double] = [:]
    /// Memo tables (constant and input norms).
    let cache: PassCache
    /// Outer-scope values a node's subgraphs read (If/Loop/Scan bodies), by node index.
    let subgraphInputs: [Int: [String]]

    /// The pass over the main graph.
    convenience init(calculator: NetworkBoundCalculator) {
        var inputShapes: [String: [Int]] = [:]
        for input in calculator.layers.inputs { if let shape = input.shape { inputShapes[input.name] = shape } }
        let values = ConstantValues(model: calculator.model, inputShapes: inputShapes)
        var shapes = values.shapes(graph: "main").merging(calculator.layers.shapes) { _, extracted in extracted }
        for input in calculator.layers.inputs where shapes[input.name] == nil {
            if let shape = input.shape { shapes[input.name] = shape }
        }
        self.init(
            calculator: calculator, graph: calculator.model.graph, parent: nil,
            constants: ScopedConstants(values: values, scopes: ["main"]), shapes: shapes)
    }

    /// A pass over `graph` (an If branch) inside `parent`: it starts from a copy of the parent's states, so
    /// outer values keep their bounds, ranges and critical paths.
    convenience init(branch graph: Graph, parent: NetworkPass) {
        let values = parent.constants.values
        let shapes = parent.shapes.merging(values.shapes(graph: graph.path)) { _, inner in inner }
        self.init(
            calculator: parent.calculator, graph: graph, parent: parent,
            constants: ScopedConstants(values: values, scopes: [graph.path] + parent.constants.scopes), shapes: shapes)
        states = parent.states
        norms = parent.norms
        channelRanges = parent.channelRanges
        cache.valueNorms = parent.cache.valueNorms
    }

    private init(
        calculator: NetworkBoundCalculator, graph: Graph, parent: NetworkPass?, constants: ScopedConstants,
        shapes: [String: [Int]]
    ) {
        self.calculator = calculator
        cache = PassCache()
        self.graph = graph
        self.parent = parent
        self.constants = constants
        var shapes = shapes
        for tensor in graph.initializers where shapes[tensor.name] == nil { shapes[tensor.name] = tensor.dims }
        self.shapes = shapes
        var producers: [String: Int] = [:]
        var consumers: [String: [Int]] = [:]
        for node in graph.nodes {
            for output in node.outputs where !output.isEmpty { producers[output] = node.index }
            for input in node.inputs where !input.isEmpty { consumers[input, default: []].append(node.index) }
        }
        self.producers = producers
        self.consumers = consumers
        graphOutputs = Set(graph.outputs.map(\.name))
        var implicit: [Int: [String]] = [:]
        for node in graph.nodes {
            let names = SubgraphReferences.outer(node)
            if !names.isEmpty { implicit[node.index] = names }
        }
        subgraphInputs = implicit
        patterns = GraphPatterns(index: GraphIndex(
            graph: graph, producers: producers, consumers: consumers, graphOutputs: Set(graph.outputs.map(\.name)),
            constants: constants, shapes: shapes))
        let layers = calculator.layers
        let path = graph.path
        convs = Dictionary(layers.convs.filter { $0.graph == path }.map { ($0.nodeIndex, $0) }, uniquingKeysWith: { a, _ in a })
        dense = Dictionary(layers.dense.filter { $0.graph == path }.map { ($0.nodeIndex, $0) }, uniquingKeysWith: { a, _ in a })
        unsupported = Dictionary(
            layers.unsupported.filter { $0.graph == path }.map { ($0.nodeIndex, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Running

    func run() {
        if parent == nil { seedInputs() } else { seedBranch() }
        for index in topologicalOrder() {
            visit(graph.nodes[index])
        }
    }

    /// Graph inputs and initializers.
    private func seedInputs() {
        let options = calculator.options
        let view = PassView(self)
        let selected = Set(calculator.wrt)
        seedInitializers(view)
        for input in graph.runtimeInputs {
            let declared = options.inputRanges[input.name].map { Interval($0.lowerBound, $0.upperBound) }
            let range = declared ?? .unbounded
            let isFloat = input.elementType?.isFloatingPoint ?? true
            if selected.contains(input.name) && isFloat {
                states[input.name] = ValueState(
                    dependsOnInput: true, lipschitz: 1, blockers: [], range: range,
                    path: PathLink(product: 1, source: nil, steps: []))
            } else {
                states[input.name] = .independent(range)
            }
        }
    }

    /// A branch's own initializers (its outer values came with the parent's states).
    private func seedBranch() {
        seedInitializers(PassView(self))
    }

    /// Each initializer of `graph` as an input-independent value over its range: the caller's (`knownRanges`)
    /// where the range would come from the initializer's FLOAT values, else read here.
    private func seedInitializers(_ view: PassView) {
        let known = calculator.knownRanges
        for tensor in graph.initializers {
            var range: Interval?
            if let constant = view.constants.tensor(tensor.name), constant.elementType == .float {
                range = known.range(of: tensor.name, graph: graph.path)
            }
            states[tensor.name] = .independent(range ?? view.constantRange(tensor.name) ?? .unbounded)
        }
    }

    /// Node indices in a topological order that keeps file order wherever the file is already sorted.
    /// Nodes on a cycle or reading undefined values come last (their outputs then become unknown).
    func topologicalOrder() -> [Int] {
        let nodes = graph.nodes
        var defined = Set(states.keys)
        var remaining = nodes.map { Set(allInputs($0).filter { producers[$0] != nil }) }
        var order: [Int] = []
        var done = [Bool](repeating: false, count: nodes.count)
        var progress = true
        while progress {
            progress = false
            for node in nodes where !done[node.index] {
                remaining[node.index] = remaining[node.index].filter { !defined.contains($0) }
                if remaining[node.index].isEmpty {
                    done[node.index] = true
                    order.append(node.index)
                    for output in node.outputs where !output.isEmpty { defined.insert(output) }
                    progress = true
                }
            }
        }
        for node in nodes where !done[node.index] { order.append(node.index) }
        return order
    }

    /// The node's inputs, including the outer values its subgraphs read.
    func allInputs(_ node: Node) -> [String] {
        node.inputs.filter { !$0.isEmpty } + (subgraphInputs[node.index] ?? [])
    }

    /// Applies `node`'s rule and records its outputs' states (bound, range, norm, path).
    private func visit(_ node: Node) {
        let inputs = allInputs(node)
        let undefined = inputs.filter { states[$0] == nil }
        if !undefined.isEmpty {
            block(node, "reads '\(undefined[0])', which is not computed before it (cycle or undefined value)")
            for output in node.outputs where !output.isEmpty {
                states[output] = ValueState(
                    dependsOnInput: true, lipschitz: nil, blockers: [node.index], range: .unbounded, path: nil)
            }
            return
        }
        let dependent = inputs.contains { states[$0]!.dependsOnInput }
        let view = PassView(self)
        let outcome = self.outcome(of: node, in: view)
        for (output, channels) in outcome.channelRanges { channelRanges[output] = channels }
        if let bound = outcome.unfoldedLayerBound { layerBounds.updateValue(bound, forKey: node.index) }
        let rules = outcome.outputs
        let normPropagation = NormPropagation(view: view)
        for (position, output) in node.outputs.enumerated() where !output.isEmpty {
            let rule = position < rules.count ? rules[position] : .unknown("output \(position) has no rule", .unbounded)
            var range = rule.range
            if let known = view.constantRange(output) { range = known }
            var state = ValueState.independent(range)
            if dependent {
                let combined = OutputStateCombination(view: view).state(for: rule, of: node, range: range, inputs: inputs)
                state = combined.state
                if let reason = combined.blockReason { block(node, reason) }
            }
            // Tighten the range with the norm bound: |t_i| ≤ ‖t‖₂ ≤ N(t).
            let count = view.shape(output)?.reduce(1, *)
            var n = count.map { Outward.mul(Outward.sqrt(Double($0)), state.range.magnitude) } ?? .infinity
            if let propagated = normPropagation.normBound(node, position: position, rule: rule) { n = min(n, propagated) }
            if let values = view.constantValues(output) {
                n = min(n, Outward.sqrt(Outward.sum(values.map { Outward.mul(abs($0), abs($0)) })))
            }
            norms[output] = n
            if n.isFinite {
                let box = Interval(-n, n)
                state.range = state.range.clamped(to: box)
                if let channels = channelRanges[output] { channelRanges[output] = channels.map { $0.clamped(to: box) } }
            }
            states[output] = state
        }
    }

    private func block(_ node: Node, _ reason: String) {
        if blockReasons[node.index] == nil { blockReasons[node.index] = reason }
    }

    /// The outcome of `node`'s rule from the registry (vendor nodes: the recognised activations).
    private func outcome(of node: Node, in view: PassView) -> RuleOutcome {
        guard node.isDefaultDomain else {
            if node.domain == "com.microsoft" { return VendorActivationRule.outcome(of: node, in: view) }
            return .unknown(node, "operator \(node.domain).\(node.opType) is not in the default ONNX domain; no rule")
        }
        guard let rule = RuleRegistry.standard.rule(for: node.opType) else {
            return .unknown(node, "no Lipschitz rule for \(node.opType)")
        }
        return rule.outcome(of: node, in: view)
    }

    /// The result value once `run()` has visited every node.
    func result() -> NetworkBound { PassReport(pass: self).result() }

    /// The node's name, or `<op>_<index>` when empty (as `ModelLayers` names layers).
    static func name(of node: Node) -> String { node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name }

    /// The operator, with its domain when not the default one.
    static func opLabel(_ node: Node) -> String { node.isDefaultDomain ? node.opType : "\(node.domain).\(node.opType)" }
}
