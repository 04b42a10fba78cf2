/// Output shapes of one node from its input shapes and the static values of its operands (a subset of ONNX
/// shape inference, for the operators conv networks use). Unknown results are `nil`; nothing here throws.
struct ShapeInference {
    /// Default-domain opset of the model.
    let opset: Int64

    /// Operators whose output 0 has the shape of input 0.
    static let shapePreserving: Set<String> = [
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu",
        "Gelu", "Mish", "Softplus", "Softsign", "Swish", "ThresholdedRelu", "Shrink", "Clip", "Exp", "Log",
        "Sqrt", "Neg", "Abs", "Erf", "Floor", "Ceil", "Round", "Reciprocal", "Sin", "Cos", "Tan", "Sign",
        "Not", "IsNaN", "IsInf", "Cast", "CastLike", "Identity", "Dropout", "Softmax", "LogSoftmax", "Hardmax",
        "LRN", "BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization",
        "MeanVarianceNormalization", "LpNormalization", "QuantizeLinear", "DequantizeLinear", "CumSum", "Trilu",
        "Bernoulli", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "BitwiseNot",
    ]

    /// Element-wise operators with multidirectional broadcasting.
    static let broadcasting: Set<String> = [
        "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Sum", "Mean", "Where", "Equal", "Less",
        "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "BitShift", "BitwiseAnd", "BitwiseOr",
        "BitwiseXor",
    ]

    static let reductions: Set<String> = [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
        "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare",
    ]

    /// Output shapes, one per `node.outputs` entry. `shapes` is aligned with `node.inputs`; `constant(i)`
    /// returns the static value of input `i`, if any.
    func outputShapes(_ node: Node, shapes: [[Int]?], constant: (Int) -> FoldedTensor?) -> [[Int]?] {
        var result = [[Int]?](repeating: nil, count: node.outputs.count)
        guard !result.isEmpty else { return result }
        let first = shapes.first ?? nil
        let op = node.isDefaultDomain ? node.opType : "\(node.domain).\(node.opType)"
        switch op {
        case _ where Self.shapePreserving.contains(op):
            result[0] = first
            if op == "Dropout", result.count > 1 { result[1] = first }
        case _ where Self.broadcasting.contains(op):
            let present = shapes.enumerated().filter { node.input($0.offset) != nil }.map(\.element)
            if present.allSatisfy({ $0 != nil }) { result[0] = Broadcast.shape(present.compactMap { $0 }) }
        case "com.microsoft.FastGelu", "com.microsoft.BiasGelu", "com.microsoft.QuickGelu", "com.microsoft.Gelu":
            result[0] = first  // onnxruntime's fused activations (the bias broadcasts over the last axis)
        case "com.microsoft.FusedGemm":
            if let a = first, let b = shapes.count > 1 ? shapes[1] : nil {
                result[0] = ShapeFunctions.gemm(
                    a, b, transA: (node.attribute("transA")?.int ?? 0) != 0, transB: (node.attribute("transB")?.int ?? 0) != 0)
            }
        case "Conv", "ConvInteger", "QLinearConv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool",
            "com.microsoft.FusedConv":
            result[0] = convLike(node, shapes: shapes)
            if op == "MaxPool", result.count > 1 { result[1] = result[0] }
        case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool":
            if let x = first, x.count >= 2 { result[0] = Array(x.prefix(2)) + [Int](repeating: 1, count: x.count - 2) }
        case "Gemm":
            if let a = first, let b = shapes.count > 1 ? shapes[1] : nil {
                result[0] = ShapeFunctions.gemm(
                    a, b, transA: (node.attribute("transA")?.int ?? 0) != 0, transB: (node.attribute("transB")?.int ?? 0) != 0)
            }
        case "MatMul", "MatMulInteger", "QLinearMatMul":
            let (a, b) = op == "QLinearMatMul" ? (0, 3) : (0, 1)
            if let x = shapes[safe: a] ?? nil, let y = shapes[safe: b] ?? nil { result[0] = ShapeFunctions.matMul(x, y) }
        default:
            result = layout(node, op: op, shapes: shapes, constant: constant)
        }
        return result
    }

    /// Conv, ConvTranspose, their quantized forms and the local pooling operators.
    func convLike(_ node: Node, shapes: [[Int]?]) -> [Int]? {
        let (xIndex, wIndex) = node.opType == "QLinearConv" ? (0, 3) : (0, 1)
        guard let x = shapes[safe: xIndex] ?? nil, x.count >= 3 else { return nil }
        let n = x.count - 2
        guard let attributes = try? ConvAttributes(node: node, spatialRank: n) else { return nil }
        let spatial = Array(x[2...])
        let isPool = node.opType.hasSuffix("Pool")
        let weight = isPool ? nil : (shapes[safe: wIndex] ?? nil)
        guard let kernel = attributes.kernelShape ?? weight.map({ Array($0.dropFirst(2)) }), kernel.count == n else {
            return nil
        }
        if isPool {
            guard let output = attributes.resolveConv(input: spatial, kernel: kernel).output else { return nil }
            return [x[0], x[1]] + output
        }
        guard let weight, weight.count == n + 2 else { return nil }
        if node.opType == "ConvTranspose" {
            let resolved = attributes.resolveTranspose(input: spatial, kernel: kernel, legacySplit: opset < 11)
            guard let output = resolved.output else { return nil }
            return [x[0], weight[1] * attributes.group] + output
        }
        guard let output = attributes.resolveConv(input: spatial, kernel: kernel).output else { return nil }
        return [x[0], weight[0]] + output
    }
}
