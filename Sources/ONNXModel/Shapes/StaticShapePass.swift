/// Walks a model's graphs in file (topological) order, folding static values and propagating full tensor
/// shapes, recursing into subgraphs (If/Loop/Scan bodies) with their outer scope visible.
///
/// Results: one `ValueScope` per graph, and the `NodeSite` of every node `isSite` selects, for layer
/// extraction. Every loop is over the model's nodes once; folded sizes are bounded by `FoldingLimits`.
final class StaticShapePass {
    /// A node seen by the pass, with the graph and scope it lives in.
    struct NodeSite {
        let node: Node
        let graph: Graph
        let scope: ValueScope
    }

    let opset: Int64
    let budget: FoldingBudget
    let isSite: (Node) -> Bool
    private(set) var sites: [NodeSite] = []
    /// The scope of every graph walked, by `Graph.path`.
    private(set) var scopes: [String: ValueScope] = [:]
    private var folder: ConstantFolder { ConstantFolder(opset: opset, budget: budget) }
    private var inference: ShapeInference { ShapeInference(opset: opset) }
    /// Deepest subgraph nesting followed (the loader bounds nesting too; this keeps the pass safe alone).
    static let maxDepth = 64

    init(opset: Int64, limits: FoldingLimits, isSite: @escaping (Node) -> Bool) {
        self.opset = opset
        self.budget = FoldingBudget(limits: limits)
        self.isSite = isSite
    }

    /// Runs over `graph` with the given shapes for its run-time inputs; returns the graph's scope.
    @discardableResult
    func run(_ graph: Graph, inputShapes: [String: [Int]], parent: ValueScope? = nil, depth: Int = 0) -> ValueScope {
        let scope = ValueScope(graphPath: graph.path, parent: parent, budget: budget)
        scopes[graph.path] = scope
        for tensor in graph.initializers { scope.defineStored(tensor, as: tensor.name) }
        let recorded = Self.fixedShapes(graph)
        for input in graph.inputs where graph.initializer(named: input.name) == nil {
            scope.define(
                input.name, shape: inputShapes[input.name] ?? (parent == nil ? nil : recorded[input.name]),
                reason: "'\(input.name)' is a graph input without an initializer (fed at run time)")
        }
        for node in graph.nodes {
            if isSite(node) { sites.append(NodeSite(node: node, graph: graph, scope: scope)) }
            visit(node, scope: scope, depth: depth)
            for output in node.outputs where !output.isEmpty && scope.shape(output) == nil {
                if let shape = recorded[output] { scope.setShape(output, shape) }
            }
        }
        return scope
    }

    /// Shapes recorded in `value_info`/outputs whose dims are all fixed (used only where propagation fails).
    static func fixedShapes(_ graph: Graph) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for info in graph.valueInfo + graph.outputs + graph.inputs {
            guard let dims = info.shape else { continue }
            let fixed = dims.compactMap(\.fixedValue)
            if fixed.count == dims.count { result[info.name] = fixed }
        }
        return result
    }

    private func visit(_ node: Node, scope: ValueScope, depth: Int) {
        let shapes = node.inputs.map { $0.isEmpty ? nil : scope.shape($0) }
        let subgraphs = node.attributes.flatMap { attribute -> [Graph] in
            switch attribute.value {
            case .graph(let graph): return [graph]
            case .graphs(let graphs): return graphs
            default: return []
            }
        }
        if !subgraphs.isEmpty {
            visitControlFlow(node, subgraphs: subgraphs, scope: scope, depth: depth)
            return
        }
        // A Constant's tensor, and an Identity of a stored tensor, stay stored (decoded on demand): weights
        // held in Constant nodes are neither copied nor charged to the folding budget.
        if node.isDefaultDomain, let output = node.outputs.first, !output.isEmpty {
            if node.opType == "Constant", let tensor = node.attribute("value")?.tensor {
                scope.defineStored(tensor, as: output)
                return
            }
            if node.opType == "Identity", let input = node.input(0), let tensor = scope.storedTensor(input) {
                scope.defineStored(tensor, as: output)
                return
            }
        }
        var foldFailure: FoldFailure?
        if node.isDefaultDomain, ConstantFolder.foldableOperators.contains(node.opType) {
            let shapeOnly = ConstantFolder.shapeOnlyOperators.contains(node.opType)
            let ready = shapeOnly
                ? shapes.first.map { $0 != nil } ?? false
                : node.inputs.allSatisfy { $0.isEmpty || scope.isConstant($0) }
            // Never decode an input larger than a folded value may be (an embedding table feeding a Gather),
            // nor fold an empty tensor with a huge dim (its per-axis index lists would be huge).
            let sane = shapes.allSatisfy { shape in
                shape.map { $0.product <= budget.limits.maxElements && $0.allSatisfy { $0 <= budget.limits.maxElements } } ?? true
            }
            if ready && !sane && !shapeOnly { foldFailure = .tooLarge(elements: shapes.compactMap { $0?.product }.max() ?? 0) }
            if ready && (sane || shapeOnly) {
                let inputs = shapeOnly ? [] : node.inputs.map { $0.isEmpty ? nil : scope.constant($0) }
                if !shapeOnly, let undecodable = zip(node.inputs, inputs).first(where: { !$0.0.isEmpty && $0.1 == nil })?.0 {
                    foldFailure = .invalid(scope.reason(for: undecodable) ?? "cannot decode '\(undecodable)'")
                }
                if shapeOnly || zip(node.inputs, inputs).allSatisfy({ $0.0.isEmpty || $0.1 != nil }) {
                    do {
                        let values = try folder.evaluate(node, inputs: inputs, inputShapes: shapes)
                        let bounded = values.allSatisfy { $0.dims.allSatisfy { $0 <= budget.limits.maxElements } }
                        if bounded && values.allSatisfy({ budget.charge($0.count) }) {
                            for (index, output) in node.outputs.enumerated() {
                                scope.define(output, shape: nil, constant: values[safe: index], producer: node)
                            }
                            return
                        }
                        foldFailure = .tooLarge(elements: values.map(\.count).max() ?? 0)
                    } catch {
                        foldFailure = error
                    }
                }
            }
        }
        let outputs = inference.outputShapes(node, shapes: shapes) { index in
            guard let name = node.input(index) else { return nil }
            return scope.constant(name)
        }
        let label = node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name
        for (index, output) in node.outputs.enumerated() {
            var reason = "'\(output)' is computed at run time by \(node.opType) node '\(label)'"
            if let foldFailure, foldFailure != .unsupported { reason += " (\(foldFailure.reason))" }
            scope.define(output, shape: outputs[index], producer: node, reason: reason)
        }
    }

    /// If (the branch is chosen when its condition folds), Loop, Scan and any other node with subgraphs:
    /// every subgraph is walked for its layers; output shapes come from the chosen If branch, or from both
    /// branches when they agree.
    private func visitControlFlow(_ node: Node, subgraphs: [Graph], scope: ValueScope, depth: Int) {
        var branchScopes: [String: ValueScope] = [:]
        var outputShapes = [[Int]?](repeating: nil, count: node.outputs.count)
        var outputValues = [FoldedTensor?](repeating: nil, count: node.outputs.count)
        if depth < Self.maxDepth {
            for graph in subgraphs {
                if node.opType == "Loop", node.isDefaultDomain, subgraphs.count == 1 {
                    let (bodyScope, carried) = runLoopBody(node, body: graph, scope: scope, depth: depth)
                    branchScopes[graph.path] = bodyScope
                    for (index, shape) in carried.enumerated() where index < outputShapes.count {
                        outputShapes[index] = shape
                    }
                } else {
                    branchScopes[graph.path] = run(graph, inputShapes: [:], parent: scope, depth: depth + 1)
                }
            }
        }
        let label = node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name
        if node.opType == "If", node.isDefaultDomain,
            let thenBranch = node.attribute("then_branch"), let elseBranch = node.attribute("else_branch"),
            case .graph(let thenGraph) = thenBranch, case .graph(let elseGraph) = elseBranch,
            let thenScope = branchScopes[thenGraph.path], let elseScope = branchScopes[elseGraph.path]
        {
            let condition = node.input(0).flatMap { scope.constant($0) }?.scalarValue
            for index in 0..<node.outputs.count {
                let thenName = thenGraph.outputs[safe: index]?.name ?? ""
                let elseName = elseGraph.outputs[safe: index]?.name ?? ""
                if let condition {
                    let (graphScope, name) = condition != 0 ? (thenScope, thenName) : (elseScope, elseName)
                    outputShapes[index] = graphScope.shape(name)
                    outputValues[index] = graphScope.constant(name)
                } else if let a = thenScope.shape(thenName), a == elseScope.shape(elseName) {
                    outputShapes[index] = a
                }
            }
        }
        for (index, output) in node.outputs.enumerated() {
            scope.define(
                output, shape: outputShapes[index], constant: outputValues[index], producer: node,
                reason: "'\(output)' is computed at run time by \(node.opType) node '\(label)'")
        }
    }

    /// Deepest Loop nesting at which loop-carried shapes are tried (each try may walk a body twice).
    static let maxLoopShapeDepth = 3

    /// Walks a Loop body with its loop-carried inputs shaped like the Loop's initial values. When every
    /// carried value keeps its shape through the body (a fixpoint), those shapes hold for every iteration
    /// and are the Loop's carried output shapes; otherwise the body is walked again without them, so no
    /// size inside it is claimed. Returns the body's scope and the carried output shapes.
    private func runLoopBody(_ node: Node, body: Graph, scope: ValueScope, depth: Int) -> (ValueScope, [[Int]?]) {
        let carriedCount = max(node.inputs.count - 2, 0)
        guard depth < Self.maxLoopShapeDepth, body.inputs.count == carriedCount + 2,
            body.outputs.count >= carriedCount + 1
        else {
            return (run(body, inputShapes: [:], parent: scope, depth: depth + 1), [])
        }
        var shapes: [String: [Int]] = [body.inputs[0].name: [], body.inputs[1].name: []]
        var initial: [[Int]?] = []
        for index in 0..<carriedCount {
            let shape = node.input(index + 2).flatMap { scope.shape($0) }
            initial.append(shape)
            if let shape { shapes[body.inputs[index + 2].name] = shape }
        }
        let firstSite = sites.count
        let bodyScope = run(body, inputShapes: shapes, parent: scope, depth: depth + 1)
        let stable = (0..<carriedCount).allSatisfy { index in
            initial[index] == nil || bodyScope.shape(body.outputs[index + 1].name) == initial[index]
        }
        if stable { return (bodyScope, initial) }
        sites.removeSubrange(firstSite...)
        return (run(body, inputShapes: [:], parent: scope, depth: depth + 1), [])
    }
}
