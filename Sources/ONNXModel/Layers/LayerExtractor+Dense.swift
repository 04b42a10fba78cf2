/// Gemm and MatMul nodes → `DenseLayer`.
extension LayerExtractor {
    func denseLayer(_ site: StaticShapePass.NodeSite) -> Outcome<DenseLayer> {
        let node = site.node
        let scope = site.scope
        switch node.opType {
        case "Gemm", "MatMul": break
        default:
            return .unsupported(Self.unsupported(site, "quantized \(node.opType) is not analysed"))
        }
        guard let a = node.input(0), let b = node.input(1) else {
            return .unsupported(Self.unsupported(site, "\(node.opType) is missing an operand"))
        }
        let isGemm = node.opType == "Gemm"
        let weightIndex: Int
        if scope.isConstant(b) {
            weightIndex = 1
        } else if scope.isConstant(a) {
            weightIndex = 0
        } else if isGemm {
            weightIndex = 1
        } else {
            return .unsupported(Self.unsupported(
                site, "MatMul of two run-time values (\(a), \(b)) is not a dense layer; its Lipschitz constant depends on the input"))
        }
        let weightName = weightIndex == 1 ? b : a
        let variableName = weightIndex == 1 ? a : b
        let weightShape = scope.shape(weightName) ?? []
        if !isGemm && weightShape.count != 2 {
            return .unsupported(Self.unsupported(
                site, "MatMul with a constant operand of rank \(weightShape.count) is not analysed (rank 2 is)"))
        }
        if let mismatch = Self.innerDimensionMismatch(
            node, weightName: weightName, weightShape: weightShape, weightIndex: weightIndex,
            variableName: variableName, variableShape: scope.shape(variableName))
        {
            return .unsupported(Self.unsupported(site, mismatch))
        }
        if weightShape.contains(0) {
            return .unsupported(Self.unsupported(
                site, "invalid: weight '\(weightName)' of shape \(ShapeText.list(weightShape)) has no elements"))
        }
        let weights: ConvLayer.Weights
        if let stored = scope.storedTensor(weightName) {
            // Undecoded, as for convs: decoded when its layer is analysed.
            weights = .constant(stored)
        } else if let value = scope.constant(weightName) {
            weights = .constant(value.tensor(named: weightName))
        } else {
            weights = .notStatic(reason: Self.notStaticReason(weightName, scope: scope))
        }
        var layer = DenseLayer(
            name: Self.name(of: node), nodeIndex: node.index, graph: site.graph.path,
            op: isGemm ? .gemm : .matMul, weightName: weightName, weights: weights, weightShape: weightShape,
            alpha: isGemm ? Double(node.attribute("alpha")?.float ?? 1) : 1,
            transA: isGemm && (node.attribute("transA")?.int ?? 0) != 0,
            transB: isGemm && (node.attribute("transB")?.int ?? 0) != 0, weightInputIndex: weightIndex)
        layer.inputShape = scope.shape(variableName)
        layer.outputShape = node.outputs.first.flatMap { scope.shape($0) }
        return .layer(layer)
    }

    /// Why the inner dimension `K` of a Gemm or MatMul does not match between its weight and its run-time
    /// operand (the model is invalid: the product is undefined), or `nil` when it matches or a shape is unknown.
    static func innerDimensionMismatch(
        _ node: Node, weightName: String, weightShape: [Int], weightIndex: Int, variableName: String,
        variableShape: [Int]?
    ) -> String? {
        guard weightShape.count == 2, let x = variableShape, !x.isEmpty else { return nil }
        let isGemm = node.opType == "Gemm"
        let transA = isGemm && (node.attribute("transA")?.int ?? 0) != 0
        let transB = isGemm && (node.attribute("transB")?.int ?? 0) != 0
        let weightK: Int
        let inputK: Int?
        if weightIndex == 1 {  // x · W: K is x's last axis (Gemm: after transA) and W's first (after transB)
            weightK = transB ? weightShape[1] : weightShape[0]
            inputK = isGemm ? (x.count == 2 ? (transA ? x[0] : x[1]) : nil) : x.last
        } else {  // W · x: K is W's last axis (after transA) and x's first of the matrix axes (after transB)
            weightK = transA ? weightShape[0] : weightShape[1]
            inputK = isGemm ? (x.count == 2 ? (transB ? x[1] : x[0]) : nil) : (x.count == 1 ? x[0] : x[x.count - 2])
        }
        guard let inputK, inputK != weightK else { return nil }
        return "invalid: weight '\(weightName)' of shape \(ShapeText.list(weightShape)) takes \(weightK) inputs, "
            + "but '\(variableName)' of shape \(ShapeText.list(x)) provides \(inputK)"
    }
}
