import ONNXModel

/// Dispatch from an operator to its rule (docs/spectral-methods §6). Every rule returns one `OutputRule` per
/// node output; an operator without a rule returns `.unknown` with a reason — never a silent factor 1.
extension NetworkPass {
    /// The rules for `node`'s outputs. `dependent` says whether any input depends on the selected inputs
    /// (when none does, only the ranges matter).
    func rules(for node: Node, dependent: Bool) -> [OutputRule] {
        guard node.isDefaultDomain else {
            if node.domain == "com.microsoft", let rule = vendorActivationRule(node) { return rule }
            return unknown(node, "operator \(node.domain).\(node.opType) is not in the default ONNX domain; no rule")
        }
        let op = node.opType
        if let rule = layoutRule(node) { return rule }
        if let rule = activationRule(node) { return rule }
        switch op {
        case "Constant", "Shape", "Size", "ConstantOfShape", "Range", "EyeLike", "RandomNormal", "RandomUniform",
            "RandomNormalLike", "RandomUniformLike":
            // Values that do not depend on the input's values (Shape/Size read only its static shape).
            return node.outputs.map { constantRange($0).map(OutputRule.independent) ?? .independent(.unbounded) }
        case "Add", "Sub", "Sum", "Mean", "Max", "Min": return [sumLikeRule(node)]
        case "Mul": return [mulRule(node)]
        case "Div": return [divRule(node)]
        case "Pow": return [powRule(node)]
        case "Where": return [whereRule(node)]
        case "Conv", "ConvTranspose": return [convRule(node)]
        case "Gemm", "MatMul": return [denseRule(node)]
        case "BatchNormalization": return batchNormRule(node)
        case "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool":
            return poolRule(node)
        case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceL1", "ReduceLogSumExp":
            return [reduceRule(node)]
        case "Resize", "Upsample": return [resizeRule(node)]
        case "Pad": return [padRule(node)]
        case "LayerNormalization", "GroupNormalization", "InstanceNormalization", "LpNormalization",
            "MeanVarianceNormalization":
            return unknown(node, "\(op) divides by a data-dependent norm; no global Lipschitz rule")
        case "If":
            return ifRule(node)
        case "Loop", "Scan":
            let inside = Self.uncoveredOperators(inSubgraphsOf: node)
            let note = inside.isEmpty ? "" : "; inside them, operators without a bound: \(inside.joined(separator: ", "))"
            return unknown(node, "control flow (\(op)) is not analysed; its subgraphs are not propagated" + note)
        case "LSTM", "GRU", "RNN":
            return unknown(node, "recurrent layer \(op) has no rule (its state makes the bound sequence-dependent)")
        case "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
            "ArgMax", "ArgMin", "NonZero", "Floor", "Ceil", "Round", "Sign", "ThresholdedRelu", "BitShift", "Mod",
            "QuantizeLinear":
            return unknown(node, "\(op) is discontinuous in its input, so the output is not Lipschitz")
        default:
            return unknown(node, "no Lipschitz rule for \(op)")
        }
    }

    /// Every output unknown for the same reason.
    func unknown(_ node: Node, _ reason: String) -> [OutputRule] {
        node.outputs.map { _ in .unknown(reason, .unbounded) }
    }

    /// `L(out) ≤ factor·L(source)` with the node as the one path step.
    func scaled(_ node: Node, _ source: String, _ factor: Double, _ range: Interval) -> OutputRule {
        .bound(.sum, [.init(source: source, factor: factor, steps: [step(node, factor)])], range)
    }

    /// Operators of the default domain that have a rule (a bound, `L = 0`, or a data-dependent condition).
    static let coveredOperators: Set<String> = [
        "Identity", "Dropout", "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Split", "Cast",
        "CastLike", "Concat", "Gather", "Tile", "Expand", "SpaceToDepth", "DepthToSpace", "Relu", "LeakyRelu", "PRelu",
        "Elu", "Selu", "Celu", "Tanh", "Sigmoid", "HardSigmoid", "HardSwish", "Softplus", "Softsign", "Clip", "Mish",
        "Gelu", "Erf", "Abs", "Neg", "Sin", "Cos", "Atan", "Asinh", "Softmax", "LogSoftmax", "Exp", "Log", "Sqrt",
        "Reciprocal", "TopK", "Constant", "Shape", "Size", "ConstantOfShape", "Range", "EyeLike", "RandomNormal",
        "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Add", "Sub", "Sum", "Mean", "Max", "Min", "Mul",
        "Div", "Pow", "Where", "Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization", "MaxPool",
        "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "ReduceMean", "ReduceSum",
        "ReduceMax", "ReduceMin", "ReduceL2", "ReduceL1", "ReduceLogSumExp", "Resize", "Upsample", "Pad",
    ]

    /// Operator types inside `node`'s subgraphs (recursively) that have no rule, sorted, for the reason text.
    static func uncoveredOperators(inSubgraphsOf node: Node) -> [String] {
        var found = Set<String>()
        func scan(_ graph: Graph) {
            for inner in graph.nodes {
                let label = inner.isDefaultDomain ? inner.opType : "\(inner.domain).\(inner.opType)"
                if !inner.isDefaultDomain || !coveredOperators.contains(inner.opType) { found.insert(label) }
                for attribute in inner.attributes {
                    switch attribute.value {
                    case .graph(let g): scan(g)
                    case .graphs(let gs): gs.forEach(scan)
                    default: break
                    }
                }
            }
        }
        for attribute in node.attributes {
            switch attribute.value {
            case .graph(let g): scan(g)
            case .graphs(let gs): gs.forEach(scan)
            default: break
            }
        }
        return found.sorted()
    }
}
