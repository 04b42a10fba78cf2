/// Runs the static shape pass over a model and turns its Conv-like, Gemm and MatMul nodes into layers.
struct LayerExtractor {
    let model: Model
    let limits: FoldingLimits

    /// The default-domain opset; a model without `opset_import` (IR < 3) is opset 1.
    var opset: Int64 { model.defaultOpset ?? model.opsets[""] ?? 1 }

    /// Dense-like operators that become `DenseLayer`s or, when they cannot, `UnsupportedLayer`s.
    static let denseOperators: Set<String> = ["Gemm", "MatMul", "MatMulInteger", "QLinearMatMul"]

    /// Whether the pass should hand `node` to the extractor.
    static func isCandidate(_ node: Node) -> Bool {
        if isConvLike(node.opType) { return true }
        if node.isDefaultDomain { return denseOperators.contains(node.opType) }
        // Vendor dense layers (com.microsoft FusedGemm, FusedMatMul, ...) are listed as unsupported.
        return node.opType.contains("Gemm") || node.opType.contains("MatMul")
    }

    /// Whether an operator name names a convolution: "Conv" not followed by a lower-case letter
    /// (`Conv`, `ConvTranspose`, `QLinearConv`, `NhwcFusedConv`, `Conv1D`; not `ConvertLayout`).
    static func isConvLike(_ opType: String) -> Bool {
        var rest = Substring(opType)
        while let range = rest.range(of: "Conv") {
            let next = rest[range.upperBound...].first
            if next.map({ !$0.isLowercase }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    func extract(inputShapes: [String: [Int]]) throws(LayerExtractionError) -> ModelLayers {
        let inputs = try Self.resolveInputs(model.graph, overrides: inputShapes)
        var shapes: [String: [Int]] = [:]
        for input in inputs { if let shape = input.shape { shapes[input.name] = shape } }
        let pass = StaticShapePass(opset: opset, limits: limits, isSite: Self.isCandidate)
        let mainScope = pass.run(model.graph, inputShapes: shapes)
        var layers = ModelLayers(convs: [], dense: [], unsupported: [], inputs: inputs, shapes: mainScope.localShapes)
        for site in pass.sites {
            let node = site.node
            if node.isDefaultDomain && Self.denseOperators.contains(node.opType) {
                switch denseLayer(site) {
                case .layer(let layer): layers.dense.append(layer)
                case .unsupported(let layer): layers.unsupported.append(layer)
                case .skip: break
                }
            } else {
                switch convLayer(site) {
                case .layer(let layer): layers.convs.append(layer)
                case .unsupported(let layer): layers.unsupported.append(layer)
                case .skip: break
                }
            }
        }
        layers.unsupported += functionCalls()
        if model.irVersion >= 4 {
            let weights = Set(model.graph.initializers.map(\.name))
            layers.overridableInitializers = model.graph.inputs.map(\.name).filter { weights.contains($0) }
        }
        return layers
    }

    /// What one candidate node becomes.
    enum Outcome<Layer> {
        case layer(Layer)
        case unsupported(UnsupportedLayer)
        /// Not a layer at all (e.g. an op whose name merely contains "Conv" and has nothing to analyse).
        case skip
    }

    /// The layer name: the node's, or `<op>_<index>` when the file leaves it empty.
    static func name(of node: Node) -> String { node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name }

    static func unsupported(_ site: StaticShapePass.NodeSite, _ reason: String) -> UnsupportedLayer {
        let op = site.node.isDefaultDomain ? site.node.opType : "\(site.node.domain).\(site.node.opType)"
        return UnsupportedLayer(
            name: name(of: site.node), nodeIndex: site.node.index, graph: site.graph.path, op: op, reason: reason)
    }

    /// Why the value `name` is not static, in one line.
    static func notStaticReason(_ name: String, scope: ValueScope) -> String {
        if let reason = scope.reason(for: name) { return reason }
        if scope.isDefined(name) { return "'\(name)' is not known at analysis time" }
        return "'\(name)' is not defined in the graph or its outer scopes"
    }

    /// Calls to model-local functions that contain conv or dense nodes: functions are not expanded, so
    /// these are listed as unsupported rather than silently missing.
    func functionCalls() -> [UnsupportedLayer] {
        let layered = model.functions.filter { $0.nodes.contains(where: Self.isCandidate) }
        guard !layered.isEmpty else { return [] }
        var result: [UnsupportedLayer] = []
        func scan(_ graph: Graph) {
            for node in graph.nodes {
                let domain = node.isDefaultDomain ? "" : node.domain
                if let function = layered.first(where: { ($0.domain == domain || ($0.domain == "ai.onnx" && domain.isEmpty)) && $0.name == node.opType }) {
                    result.append(UnsupportedLayer(
                        name: Self.name(of: node), nodeIndex: node.index, graph: graph.path, op: node.opType,
                        reason: "calls model-local function '\(function.name)' containing conv/dense nodes; functions are not expanded"))
                }
            }
            graph.subgraphs.forEach(scan)
        }
        scan(model.graph)
        return result
    }

    /// The main graph's run-time inputs with the shapes the pass starts from.
    static func resolveInputs(_ graph: Graph, overrides: [String: [Int]]) throws(LayerExtractionError) -> [ResolvedInput] {
        let runtime = graph.runtimeInputs
        for name in overrides.keys.sorted() where !runtime.contains(where: { $0.name == name }) {
            throw .unknownInput(name: name, available: runtime.map(\.name))
        }
        return try runtime.map { input throws(LayerExtractionError) in
            let recorded = input.shape ?? []
            if let given = overrides[input.name] {
                guard ValueScope.isAcceptable(given) else {
                    throw .invalidDimension(name: input.name, given: given)
                }
                if input.shape != nil {
                    guard given.count == recorded.count else {
                        throw .rankMismatch(name: input.name, given: given, recorded: recorded)
                    }
                    for (axis, dim) in recorded.enumerated() {
                        if let fixed = dim.fixedValue, fixed > 0, fixed != given[axis] {
                            throw .dimensionMismatch(name: input.name, axis: axis, given: given[axis], recorded: fixed)
                        }
                    }
                }
                return ResolvedInput(name: input.name, shape: given, symbolic: recorded, elementType: input.elementType)
            }
            guard input.shape != nil else {
                return ResolvedInput(name: input.name, shape: nil, symbolic: [], elementType: input.elementType)
            }
            var shape: [Int] = []
            for (axis, dim) in recorded.enumerated() {
                if let fixed = dim.fixedValue, fixed > 0 {  // 0 and -1 are exporters' spellings of "dynamic"
                    shape.append(fixed)
                } else if axis == 0 {
                    shape.append(1)  // a symbolic (or -1/0) batch dim
                } else {
                    return ResolvedInput(name: input.name, shape: nil, symbolic: recorded, elementType: input.elementType)
                }
            }
            // Dims whose product is beyond any real tensor leave the shape unknown (nothing size-dependent).
            return ResolvedInput(
                name: input.name, shape: ValueScope.isAcceptable(shape) ? shape : nil, symbolic: recorded,
                elementType: input.elementType)
        }
    }
}
