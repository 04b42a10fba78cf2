/// Evaluates, at analysis time, nodes that are pure functions of static values: Constant, the layout and
/// shape-arithmetic operators, casts, DequantizeLinear and element-wise arithmetic with numpy broadcasting.
///
/// The folder never allocates a result larger than the budget allows: sizes are checked before values are
/// produced.
struct ConstantFolder {
    /// Default-domain opset of the model (selects attribute-vs-input forms, e.g. Slice-1 vs Slice-10).
    let opset: Int64
    let budget: FoldingBudget

    /// Operators whose outputs need only the *shape* of input 0, not its value.
    static let shapeOnlyOperators: Set<String> = ["Shape", "Size"]

    /// Operators the folder evaluates.
    static let foldableOperators: Set<String> = Set([
        "Constant", "Identity", "Dropout", "Cast", "CastLike", "Reshape", "Transpose", "Unsqueeze", "Squeeze",
        "Flatten", "DequantizeLinear", "ConstantOfShape", "Shape", "Size", "Gather", "Slice", "Concat",
        "Range", "Expand", "Tile", "Split", "Where", "ReduceProd", "ReduceSum", "ReduceMax", "ReduceMin",
        "ReduceMean",
    ]).union(binaryOperators.keys).union(unaryOperators.keys).union(["Max", "Min", "Sum", "Mean"])

    /// Evaluates `node`. `inputs` is aligned with `node.inputs` (`nil` for an omitted input);
    /// `inputShapes` likewise (only `Shape`/`Size` read it). Returns one tensor per produced output, in order
    /// (an optional trailing output, such as Dropout's mask, may be missing).
    func evaluate(_ node: Node, inputs: [FoldedTensor?], inputShapes: [[Int]?]) throws(FoldFailure) -> [FoldedTensor] {
        func input(_ index: Int) throws(FoldFailure) -> FoldedTensor {
            guard index < inputs.count, let value = inputs[index] else {
                throw .invalid("\(node.opType) input \(index) is missing")
            }
            return value
        }
        func optionalInput(_ index: Int) -> FoldedTensor? { index < inputs.count ? inputs[index] : nil }
        let op = node.opType
        switch op {
        case "Constant": return [try constant(node)]
        case "Identity", "Dropout": return [try input(0)]
        case "Cast":
            guard let raw = node.attribute("to")?.int, let type = ElementType(rawValue: Int32(truncatingIfNeeded: raw))
            else { throw .invalid("Cast without a valid 'to'") }
            return [cast(try input(0), to: type)]
        case "CastLike": return [cast(try input(0), to: try input(1).elementType)]
        case "Reshape": return [try reshape(node, try input(0), optionalInput(1))]
        case "Transpose": return [try transpose(node, try input(0))]
        case "Unsqueeze", "Squeeze", "Flatten": return [try squeezeLike(node, try input(0), optionalInput(1))]
        case "DequantizeLinear": return [try dequantize(node, try input(0), try input(1), optionalInput(2))]
        case "ConstantOfShape": return [try constantOfShape(node, try input(0))]
        case "Shape", "Size":
            guard let shape = inputShapes.first ?? nil else { throw .invalid("\(op) of a value of unknown shape") }
            return [shapeOf(node, shape)]
        case "Gather": return [try gather(node, try input(0), try input(1))]
        case "Slice": return [try slice(node, inputs)]
        case "Concat": return [try concat(node, inputs.compactMap { $0 })]
        case "Range": return [try range(try input(0), try input(1), try input(2))]
        case "Expand": return [try expand(try input(0), try input(1))]
        case "Tile": return [try tile(try input(0), try input(1))]
        case "Split": return try split(node, try input(0), optionalInput(1))
        case "Where":
            let condition = try input(0)
            let chosen = try broadcastMap([condition, try input(1), try input(2)], type: try input(1).elementType) {
                $0[0] != 0 ? $0[1] : $0[2]
            }
            return [chosen]
        case "Max", "Min", "Sum", "Mean":
            return [try variadic(op, inputs.compactMap { $0 })]
        case "ReduceProd", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceMean":
            return [try reduce(node, try input(0), optionalInput(1))]
        default:
            if let function = Self.unaryOperators[op] {
                let x = try input(0)
                let type: ElementType = op == "Not" ? .bool : x.elementType
                return [FoldedTensor(dims: x.dims, elementType: type, values: x.values.map(function))]
            }
            if let binary = Self.binaryOperators[op] {
                let a = try input(0)
                let b = try input(1)
                return [try binaryOperation(binary, a, b)]
            }
            throw .unsupported
        }
    }

    /// Throws unless an output of `count` elements fits the budget. Call before allocating.
    func checkSize(_ count: Int) throws(FoldFailure) {
        guard budget.allows(count) else { throw .tooLarge(elements: count) }
    }

    /// Throws unless an output of these dims fits the budget, each dim included (an empty tensor with a
    /// huge dim would still make per-axis index lists huge). Call before allocating.
    func checkDims(_ dims: [Int]) throws(FoldFailure) {
        guard dims.allSatisfy({ (0...budget.limits.maxElements).contains($0) }) else {
            throw .tooLarge(elements: dims.max() ?? 0)
        }
        try checkSize(dims.product)
    }

    /// Reads integer attributes such as `axes`, saturated to `Int`.
    static func ints(_ node: Node, _ name: String) -> [Int]? {
        node.attribute(name)?.ints?.map { FoldedTensor.saturatedInt(Double($0)) }
    }
}
