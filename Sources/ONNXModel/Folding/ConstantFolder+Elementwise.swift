import Foundation

/// Element-wise operators, casts and dequantization.
extension ConstantFolder {
    /// A binary element-wise operator: its function (given whether the operands are integers) and whether the
    /// result is boolean.
    struct BinaryOperation: Sendable {
        let producesBool: Bool
        let apply: @Sendable (Double, Double, Bool) -> Double
    }

    static let unaryOperators: [String: @Sendable (Double) -> Double] = [
        "Neg": { -$0 }, "Abs": { Swift.abs($0) }, "Sqrt": { $0.squareRoot() }, "Floor": { $0.rounded(.down) },
        "Ceil": { $0.rounded(.up) }, "Reciprocal": { 1 / $0 }, "Relu": { Swift.max($0, 0) },
        "Exp": { Foundation.exp($0) }, "Log": { Foundation.log($0) }, "Sigmoid": { 1 / (1 + Foundation.exp(-$0)) },
        "Round": { $0.rounded(.toNearestOrEven) }, "Sign": { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
        "Not": { $0 == 0 ? 1 : 0 }, "Tanh": { Foundation.tanh($0) },
    ]

    static let binaryOperators: [String: BinaryOperation] = [
        "Add": BinaryOperation(producesBool: false) { a, b, _ in a + b },
        "Sub": BinaryOperation(producesBool: false) { a, b, _ in a - b },
        "Mul": BinaryOperation(producesBool: false) { a, b, _ in a * b },
        "Div": BinaryOperation(producesBool: false) { a, b, integer in
            guard integer else { return a / b }
            return b == 0 ? 0 : (a / b).rounded(.towardZero)
        },
        "Mod": BinaryOperation(producesBool: false) { a, b, _ in
            guard b != 0 else { return 0 }
            let r = a.truncatingRemainder(dividingBy: b)
            return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
        },
        "Pow": BinaryOperation(producesBool: false) { a, b, _ in Foundation.pow(a, b) },
        "Equal": BinaryOperation(producesBool: true) { a, b, _ in a == b ? 1 : 0 },
        "Less": BinaryOperation(producesBool: true) { a, b, _ in a < b ? 1 : 0 },
        "Greater": BinaryOperation(producesBool: true) { a, b, _ in a > b ? 1 : 0 },
        "LessOrEqual": BinaryOperation(producesBool: true) { a, b, _ in a <= b ? 1 : 0 },
        "GreaterOrEqual": BinaryOperation(producesBool: true) { a, b, _ in a >= b ? 1 : 0 },
        "And": BinaryOperation(producesBool: true) { a, b, _ in a != 0 && b != 0 ? 1 : 0 },
        "Or": BinaryOperation(producesBool: true) { a, b, _ in a != 0 || b != 0 ? 1 : 0 },
        "Xor": BinaryOperation(producesBool: true) { a, b, _ in (a != 0) != (b != 0) ? 1 : 0 },
    ]

    /// Applies `function` to the broadcast of `operands` (each call gets one element of each operand).
    func broadcastMap(_ operands: [FoldedTensor], type: ElementType, _ function: ([Double]) -> Double)
        throws(FoldFailure) -> FoldedTensor
    {
        guard let dims = Broadcast.shape(operands.map(\.dims)) else {
            throw .invalid("shapes \(operands.map(\.dims)) do not broadcast")
        }
        try checkDims(dims)
        let count = dims.product
        let offsets = operands.map { $0.dims == dims ? Array(0..<count) : Broadcast.sourceOffsets(from: $0.dims, to: dims) }
        var values = [Double](repeating: 0, count: count)
        var arguments = [Double](repeating: 0, count: operands.count)
        for index in 0..<count {
            for operand in 0..<operands.count { arguments[operand] = operands[operand].values[offsets[operand][index]] }
            values[index] = function(arguments)
        }
        return FoldedTensor(dims: dims, elementType: type, values: values)
    }

    func binaryOperation(_ operation: BinaryOperation, _ a: FoldedTensor, _ b: FoldedTensor) throws(FoldFailure)
        -> FoldedTensor
    {
        let integer = a.isInteger && b.isInteger
        let type: ElementType = operation.producesBool ? .bool : a.elementType
        var result = try broadcastMap([a, b], type: type) { operation.apply($0[0], $0[1], integer) }
        if integer && !operation.producesBool { result.values = result.values.map { $0.rounded(.towardZero) } }
        return result
    }

    /// Max/Min/Sum/Mean over any number of operands.
    func variadic(_ op: String, _ operands: [FoldedTensor]) throws(FoldFailure) -> FoldedTensor {
        guard let first = operands.first else { throw .invalid("\(op) without inputs") }
        let n = Double(operands.count)
        return try broadcastMap(operands, type: first.elementType) { values in
            switch op {
            case "Max": return values.max() ?? 0
            case "Min": return values.min() ?? 0
            case "Sum": return values.reduce(0, +)
            default: return values.reduce(0, +) / n
            }
        }
    }

    /// `Cast`: integer targets truncate toward zero (NaN becomes 0), BOOL is "not zero", FLOAT rounds to
    /// single precision.
    func cast(_ x: FoldedTensor, to type: ElementType) -> FoldedTensor {
        let values: [Double]
        switch type {
        case .bool: values = x.values.map { $0 != 0 ? 1 : 0 }
        case .float: values = x.values.map { Double(Float($0)) }
        case _ where type.isFloatingPoint: values = x.values
        default: values = x.values.map { $0.isNaN ? 0 : $0.rounded(.towardZero) }
        }
        return FoldedTensor(dims: x.dims, elementType: type, values: values)
    }

    /// `DequantizeLinear`: `(x − zero_point) · scale`, per tensor (one scale) or per axis (a 1-D scale along
    /// `axis`, default 1). Blocked quantization (`block_size`) is not folded.
    func dequantize(_ node: Node, _ x: FoldedTensor, _ scale: FoldedTensor, _ zeroPoint: FoldedTensor?)
        throws(FoldFailure) -> FoldedTensor
    {
        if let block = node.attribute("block_size")?.int, block > 0 {
            throw .invalid("blocked quantization (block_size \(block)) is not folded")
        }
        let zero = zeroPoint ?? FoldedTensor(dims: scale.dims, elementType: .int64, values: [Double](repeating: 0, count: scale.count))
        guard zero.count == scale.count else { throw .invalid("zero point and scale sizes differ") }
        let outputType = scale.elementType
        if scale.count == 1 {
            let s = scale.values[0]
            let z = zero.values[0]
            return FoldedTensor(dims: x.dims, elementType: outputType, values: x.values.map { ($0 - z) * s })
        }
        let rawAxis = Int(node.attribute("axis")?.int ?? 1)
        guard scale.rank == 1, let axis = TensorIndexing.axis(rawAxis, rank: x.rank), x.dims[axis] == scale.count
        else { throw .invalid("scale of \(scale.count) values does not match axis \(rawAxis) of \(x.dims)") }
        let inner = Array(x.dims[(axis + 1)...]).product
        let channels = scale.count
        var values = x.values
        for index in 0..<values.count {
            let channel = (index / inner) % channels
            values[index] = (values[index] - zero.values[channel]) * scale.values[channel]
        }
        return FoldedTensor(dims: x.dims, elementType: outputType, values: values)
    }

    /// A `Constant` node: `value` (tensor), `value_float(s)` or `value_int(s)`.
    func constant(_ node: Node) throws(FoldFailure) -> FoldedTensor {
        if let tensor = node.attribute("value")?.tensor {
            do { return try tensor.foldedValue() } catch { throw .invalid("\(error)") }
        }
        switch node.attribute("value_float") {
        case .float(let v)?: return .scalar(Double(v), .float)
        default: break
        }
        if case .floats(let v)? = node.attribute("value_floats") {
            return FoldedTensor(dims: [v.count], elementType: .float, values: v.map { Double($0) })
        }
        if case .int(let v)? = node.attribute("value_int") { return .scalar(Double(v), .int64) }
        if case .ints(let v)? = node.attribute("value_ints") {
            return FoldedTensor(dims: [v.count], elementType: .int64, values: v.map { Double($0) })
        }
        throw .unsupported  // sparse_value, value_string(s)
    }

    /// `ConstantOfShape`: a tensor of the given shape filled with `value` (default float 0).
    func constantOfShape(_ node: Node, _ shape: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        let dims = shape.integers
        guard dims.allSatisfy({ $0 >= 0 }) else { throw .invalid("negative dims \(dims)") }
        try checkDims(dims)
        let count = dims.product
        var fill = FoldedTensor.scalar(0, .float)
        if let tensor = node.attribute("value")?.tensor {
            do { fill = try tensor.foldedValue() } catch { throw .invalid("\(error)") }
            guard fill.count == 1 else { throw .invalid("value must hold one element") }
        }
        return FoldedTensor(dims: dims, elementType: fill.elementType, values: [Double](repeating: fill.values[0], count: count))
    }

    /// ReduceProd/Sum/Max/Min/Mean over `axes` (attribute, or input 1 where the opset moved it there).
    func reduce(_ node: Node, _ x: FoldedTensor, _ axesInput: FoldedTensor?) throws(FoldFailure) -> FoldedTensor {
        let axes = axesInput?.integers ?? Self.ints(node, "axes") ?? []
        let keepDims = (node.attribute("keepdims")?.int ?? 1) != 0
        let noop = (node.attribute("noop_with_empty_axes")?.int ?? 0) != 0
        if axes.isEmpty && noop { return x }
        let reduced = axes.isEmpty ? Array(0..<x.rank) : axes.compactMap { TensorIndexing.axis($0, rank: x.rank) }
        guard reduced.count == (axes.isEmpty ? x.rank : axes.count), Set(reduced).count == reduced.count,
            let dims = ShapeFunctions.reduce(x.dims, axes: reduced, keepDims: keepDims)
        else { throw .invalid("axes \(axes) do not fit rank \(x.rank)") }
        let kept = (0..<x.rank).filter { !reduced.contains($0) }
        let order = kept + reduced.sorted()
        let strides = x.dims.rowMajorStrides
        let offsets = TensorIndexing.offsets(
            strides: order.map { strides[$0] }, axisIndices: order.map { Array(0..<x.dims[$0]) })
        let block = reduced.map { x.dims[$0] }.product
        let outputs = dims.product
        var values: [Double] = []
        values.reserveCapacity(outputs)
        for output in 0..<outputs {
            let slice = (0..<block).map { x.values[offsets[output * block + $0]] }
            switch node.opType {
            case "ReduceProd": values.append(slice.reduce(1, *))
            case "ReduceSum": values.append(slice.reduce(0, +))
            case "ReduceMax": values.append(slice.max() ?? -.infinity)
            case "ReduceMin": values.append(slice.min() ?? .infinity)
            default: values.append(slice.reduce(0, +) / Double(Swift.max(block, 1)))
            }
        }
        return FoldedTensor(dims: dims, elementType: x.elementType, values: values)
    }
}
