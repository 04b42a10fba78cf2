/// The values of a model's graphs that are known at analysis time: initializers, `Constant` outputs and
/// everything constant folding derives from them (shape arithmetic included, using the static shapes), with
/// the full static shapes the same pass finds. The main graph is keyed `"main"`; subgraphs (If/Loop/Scan
/// bodies) by their `Graph.path`, each folded with its outer scopes visible.
///
/// Built by the same static pass that `ModelLayers.extract` uses, so a value is constant here exactly when
/// layer extraction treats it as constant. Stored tensors stay lazily decoded; folded results are held as
/// `DOUBLE` tensors (bounded by `FoldingLimits`, shared by all graphs).
public struct ConstantValues: Sendable {
    private var tensors: [String: [String: Tensor]] = [:]
    private var shapeTables: [String: [String: [Int]]] = [:]

    /// Folds the graphs of `model`.
    /// - Parameters:
    ///   - inputShapes: full shapes for run-time inputs by name, as for `ModelLayers.extract` (unknown names
    ///     and contradicting shapes are ignored here: extraction is where they are reported).
    ///   - limits: bounds on constant folding.
    public init(model: Model, inputShapes: [String: [Int]] = [:], limits: FoldingLimits = FoldingLimits()) {
        let resolved = (try? LayerExtractor.resolveInputs(model.graph, overrides: inputShapes))
            ?? (try? LayerExtractor.resolveInputs(model.graph, overrides: [:])) ?? []
        var shapes: [String: [Int]] = [:]
        for input in resolved { if let shape = input.shape { shapes[input.name] = shape } }
        let opset = model.defaultOpset ?? model.opsets[""] ?? 1
        let pass = StaticShapePass(opset: opset, limits: limits, isSite: { _ in false })
        let scope = pass.run(model.graph, inputShapes: shapes)
        record(model.graph, scope)
        visitSubgraphs(of: model.graph, scope: scope, pass: pass, depth: 0)
    }

    /// Folds every subgraph of `graph` with `scope` as its outer scope (the pass folded them once already, but
    /// keeps only the main scope).
    private mutating func visitSubgraphs(of graph: Graph, scope: ValueScope, pass: StaticShapePass, depth: Int) {
        guard depth < StaticShapePass.maxDepth else { return }
        for sub in graph.subgraphs {
            let inner = pass.run(sub, inputShapes: [:], parent: scope, depth: depth + 1)
            record(sub, inner)
            visitSubgraphs(of: sub, scope: inner, pass: pass, depth: depth + 1)
        }
    }

    private mutating func record(_ graph: Graph, _ scope: ValueScope) {
        var values: [String: Tensor] = [:]
        let names = graph.initializers.map(\.name) + graph.nodes.flatMap(\.outputs)
        for name in names where !name.isEmpty && values[name] == nil && scope.isConstant(name) {
            if let stored = scope.storedTensor(name) {
                values[name] = stored
            } else if let folded = scope.constant(name) {
                values[name] = folded.tensor(named: name)
            }
        }
        tensors[graph.path] = values
        shapeTables[graph.path] = scope.localShapes
    }

    /// The value of `name` in the main graph when it is known at analysis time (decode with `doubles()`).
    public func tensor(_ name: String) -> Tensor? { tensors["main"]?[name] }

    /// The value of `name` defined in the graph at `graph` (a `Graph.path`; outer values are not included).
    public func tensor(_ name: String, graph: String) -> Tensor? { tensors[graph]?[name] }

    /// Whether `name` is known at analysis time in the main graph.
    public func isConstant(_ name: String) -> Bool { tensor(name) != nil }

    /// Full static shapes of the values the graph at `graph` defines (`"main"` for the main graph).
    public func shapes(graph: String) -> [String: [Int]] { shapeTables[graph] ?? [:] }
}
