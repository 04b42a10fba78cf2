/// The values of the main graph that are known at analysis time: initializers, `Constant` outputs and
/// everything constant folding derives from them (shape arithmetic included, using the static shapes).
///
/// Built by one run of the same static pass that `ModelLayers.extract` uses, so a value is constant here
/// exactly when layer extraction treats it as constant. Stored tensors stay lazily decoded; folded results
/// are held as `DOUBLE` tensors (bounded by `FoldingLimits`).
public struct ConstantValues: Sendable {
    private var tensors: [String: Tensor]

    /// Folds the main graph of `model`.
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
        var tensors: [String: Tensor] = [:]
        let names = model.graph.initializers.map(\.name) + model.graph.nodes.flatMap(\.outputs)
        for name in names where !name.isEmpty && tensors[name] == nil && scope.isConstant(name) {
            if let stored = scope.storedTensor(name) {
                tensors[name] = stored
            } else if let folded = scope.constant(name) {
                tensors[name] = folded.tensor(named: name)
            }
        }
        self.tensors = tensors
    }

    /// The value of `name` when it is known at analysis time (decode with `Tensor.doubles()`).
    public func tensor(_ name: String) -> Tensor? { tensors[name] }

    /// Whether `name` is known at analysis time.
    public func isConstant(_ name: String) -> Bool { tensors[name] != nil }
}
