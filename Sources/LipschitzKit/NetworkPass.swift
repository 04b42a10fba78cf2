import ONNXModel

/// The mutable state of one run of `NetworkBoundCalculator`: the graph index, per-value states and caches.
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

    var states: [String: ValueState] = [:]
    /// Unfolded bounds of the linear layers visited with an input-dependent operand (for the naive product),
    /// by node index; `nil` when unavailable.
    var layerBounds: [Int: Double?] = [:]
    /// Reasons of the nodes whose rules failed, by node index.
    var blockReasons: [Int: String] = [:]
    /// Per-channel ranges of values whose rules know them (see `NetworkPass+Channels`).
    var channelRanges: [String: [Interval]] = [:]
    /// Bounds `N(t) ≥ sup ‖t‖₂` (see `NetworkPass+Norms`).
    var norms: [String: Double] = [:]
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
    }

    private init(
        calculator: NetworkBoundCalculator, graph: Graph, parent: NetworkPass?, constants: ScopedConstants,
        shapes: [String: [Int]]
    ) {
        self.calculator = calculator
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
            let names = Self.outerReferences(node)
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
        let selected = Set(calculator.wrt)
        for tensor in graph.initializers {
            states[tensor.name] = .independent(constantRange(tensor.name) ?? .unbounded)
        }
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
        for tensor in graph.initializers {
            states[tensor.name] = .independent(constantRange(tensor.name) ?? .unbounded)
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

    /// Names a node's subgraphs (recursively) read without defining them.
    static func outerReferences(_ node: Node) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func scan(_ graph: Graph, defined outer: Set<String>) {
            var defined = outer.union(graph.initializers.map(\.name)).union(graph.inputs.map(\.name))
            for inner in graph.nodes {
                for name in inner.inputs where !name.isEmpty && !defined.contains(name) && seen.insert(name).inserted {
                    result.append(name)
                }
                for attribute in inner.attributes {
                    switch attribute.value {
                    case .graph(let g): scan(g, defined: defined)
                    case .graphs(let gs): gs.forEach { scan($0, defined: defined) }
                    default: break
                    }
                }
                defined.formUnion(inner.outputs)
            }
            for output in graph.outputs where !defined.contains(output.name) && seen.insert(output.name).inserted {
                result.append(output.name)
            }
        }
        for attribute in node.attributes {
            switch attribute.value {
            case .graph(let g): scan(g, defined: [])
            case .graphs(let gs): gs.forEach { scan($0, defined: []) }
            default: break
            }
        }
        return result
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
        let rules = rules(for: node, dependent: dependent)
        for (position, output) in node.outputs.enumerated() where !output.isEmpty {
            let rule = position < rules.count ? rules[position] : .unknown("output \(position) has no rule", .unbounded)
            var range = rule.range
            if let known = constantRange(output) { range = known }
            var state = dependent ? state(for: rule, of: node, range: range, inputs: inputs) : .independent(range)
            // Tighten the range with the norm bound: |t_i| ≤ ‖t‖₂ ≤ N(t).
            let count = shape(output)?.reduce(1, *)
            var n = count.map { Outward.mul(Outward.sqrt(Double($0)), state.range.magnitude) } ?? .infinity
            if let propagated = normBound(node, position: position, rule: rule) { n = min(n, propagated) }
            if let values = constantValues(output) {
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

    private func state(for rule: OutputRule, of node: Node, range: Interval, inputs: [String]) -> ValueState {
        switch rule {
        case .independent:
            return .independent(range)
        case .resolved(let lipschitz, _, let path, let reason):
            guard let lipschitz, lipschitz.isFinite else {
                block(node, reason)
                return ValueState(dependsOnInput: true, lipschitz: nil, blockers: [node.index], range: range, path: nil)
            }
            let product = path.reduce(1.0) { Outward.mul($0, $1.factor) }
            return ValueState(
                dependsOnInput: true, lipschitz: lipschitz, blockers: [], range: range,
                path: PathLink(product: product, source: nil, steps: path))
        case .unknown(let reason, _):
            block(node, reason)
            var blockers: Set<Int> = [node.index]
            for input in inputs { blockers.formUnion(states[input]!.blockers) }
            return ValueState(dependsOnInput: true, lipschitz: nil, blockers: blockers, range: range, path: nil)
        case .bound(let combine, let allTerms, _):
            let terms = allTerms.filter { states[$0.source]?.dependsOnInput ?? true }
            if terms.isEmpty { return .independent(range) }
            var blockers: Set<Int> = []
            for term in terms { blockers.formUnion(states[term.source]?.blockers ?? [node.index]) }
            if !blockers.isEmpty {
                return ValueState(dependsOnInput: true, lipschitz: nil, blockers: blockers, range: range, path: nil)
            }
            let contributions = terms.map { Outward.mul($0.factor, states[$0.source]!.lipschitz!) }
            let bound: Double
            switch combine {
            case .sum: bound = Outward.sum(contributions)
            case .rootSumSquare: bound = Outward.sqrt(Outward.sum(contributions.map { Outward.mul($0, $0) }))
            }
            guard bound.isFinite, terms.allSatisfy({ $0.factor.isFinite && $0.factor >= 0 }) else {
                block(node, "the bound exceeds the Double range (\(node.opType) compounds very large range or layer factors)")
                return ValueState(dependsOnInput: true, lipschitz: nil, blockers: [node.index], range: range, path: nil)
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
            return ValueState(dependsOnInput: true, lipschitz: bound, blockers: [], range: range, path: link)
        }
    }

    /// The critical-path edge: the term maximizing `product(source)·factor`; ties go to the source computed
    /// first in node order (graph inputs first).
    private func bestLink(_ terms: [OutputRule.Term]) -> PathLink? {
        var best: PathLink?
        var bestOrder = Int.max
        for term in terms {
            guard let link = states[term.source]?.path else { continue }
            let product = Outward.mul(link.product, term.factor)
            let order = producers[term.source] ?? -1
            if let current = best {
                if product < current.product || (product == current.product && order >= bestOrder) { continue }
            }
            best = PathLink(product: product, source: term.source, steps: term.steps)
            bestOrder = order
        }
        return best
    }

    func block(_ node: Node, _ reason: String) {
        if blockReasons[node.index] == nil { blockReasons[node.index] = reason }
    }
}
