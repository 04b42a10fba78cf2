/// Layout and shape-arithmetic operators on static values.
extension ConstantFolder {
    func reshape(_ node: Node, _ x: FoldedTensor, _ shape: FoldedTensor?) throws(FoldFailure) -> FoldedTensor {
        guard let target = shape?.integers ?? Self.ints(node, "shape") else { throw .invalid("Reshape without a shape") }
        let allowZero = (node.attribute("allowzero")?.int ?? 0) != 0
        guard let dims = ShapeFunctions.reshape(x.dims, target: target, allowZero: allowZero) else {
            throw .invalid("cannot reshape \(x.dims) to \(target)")
        }
        return x.reshaped(dims)
    }

    func transpose(_ node: Node, _ x: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        guard let perm = ShapeFunctions.permutation(Self.ints(node, "perm"), rank: x.rank) else {
            throw .invalid("perm does not permute \(x.rank) axes")
        }
        let strides = x.dims.rowMajorStrides
        let dims = perm.map { x.dims[$0] }
        let offsets = TensorIndexing.offsets(strides: perm.map { strides[$0] }, axisIndices: dims.map { Array(0..<$0) })
        return FoldedTensor(dims: dims, elementType: x.elementType, values: offsets.map { x.values[$0] })
    }

    /// Unsqueeze, Squeeze and Flatten: the values stay, the dims change.
    func squeezeLike(_ node: Node, _ x: FoldedTensor, _ axesInput: FoldedTensor?) throws(FoldFailure) -> FoldedTensor {
        let axes = axesInput?.integers ?? Self.ints(node, "axes")
        let dims: [Int]?
        switch node.opType {
        case "Unsqueeze": dims = ShapeFunctions.unsqueeze(x.dims, axes: axes ?? [])
        case "Squeeze": dims = ShapeFunctions.squeeze(x.dims, axes: axes)
        default: dims = ShapeFunctions.flatten(x.dims, axis: Int(node.attribute("axis")?.int ?? 1))
        }
        guard let dims else { throw .invalid("\(node.opType) axes \(axes ?? []) do not fit \(x.dims)") }
        return x.reshaped(dims)
    }

    /// `Shape` (opset-15 start/end) and `Size` of a value whose shape is known.
    func shapeOf(_ node: Node, _ shape: [Int]) -> FoldedTensor {
        if node.opType == "Size" { return .scalar(Double(shape.product), .int64) }
        let start = node.attribute("start")?.int.map { Int($0) }
        let end = node.attribute("end")?.int.map { FoldedTensor.saturatedInt(Double($0)) }
        return .int64Vector(ShapeFunctions.shapeSlice(shape, start: start, end: end))
    }

    func gather(_ node: Node, _ data: FoldedTensor, _ indices: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        let rawAxis = Int(node.attribute("axis")?.int ?? 0)
        guard let axis = TensorIndexing.axis(rawAxis, rank: data.rank) else { throw .invalid("axis \(rawAxis) out of range") }
        let size = data.dims[axis]
        var picked: [Int] = []
        for index in indices.integers {
            let normalized = index < 0 ? index + size : index
            guard (0..<size).contains(normalized) else { throw .invalid("index \(index) out of range \(size)") }
            picked.append(normalized)
        }
        let dims = Array(data.dims[..<axis]) + indices.dims + Array(data.dims[(axis + 1)...])
        try checkDims(dims)
        var axisIndices = data.dims.map { Array(0..<$0) }
        axisIndices[axis] = picked
        let offsets = TensorIndexing.offsets(dims: data.dims, axisIndices: axisIndices)
        return FoldedTensor(dims: dims, elementType: data.elementType, values: offsets.map { data.values[$0] })
    }

    /// `Slice`: attributes before opset 10, inputs `starts, ends, axes, steps` since.
    func slice(_ node: Node, _ inputs: [FoldedTensor?]) throws(FoldFailure) -> FoldedTensor {
        guard let x = inputs.first ?? nil else { throw .invalid("Slice without data") }
        guard let parameters = Self.sliceParameters(node, inputs: inputs, opset: opset),
            let bounds = ShapeFunctions.slice(
                x.dims, starts: parameters.starts, ends: parameters.ends, axes: parameters.axes, steps: parameters.steps)
        else { throw .invalid("Slice parameters do not fit \(x.dims)") }
        let dims = bounds.map(\.count)
        try checkDims(dims)
        let axisIndices = bounds.map { b in (0..<b.count).map { b.first + $0 * b.step } }
        let offsets = TensorIndexing.offsets(dims: x.dims, axisIndices: axisIndices)
        return FoldedTensor(dims: dims, elementType: x.elementType, values: offsets.map { x.values[$0] })
    }

    /// Slice's `starts/ends/axes/steps` from attributes (opset < 10) or constant inputs; `nil` when an input
    /// is not static.
    static func sliceParameters(_ node: Node, inputs: [FoldedTensor?], opset: Int64)
        -> (starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?)?
    {
        // Slice-1 carries attributes; Slice-10 and later take inputs. Decide by what the node has.
        if node.attribute("starts") != nil || node.inputs.count == 1 {
            guard let starts = ints(node, "starts"), let ends = ints(node, "ends") else { return nil }
            return (starts, ends, ints(node, "axes"), nil)
        }
        func value(_ index: Int) -> [Int]? { index < inputs.count ? inputs[index]?.integers : nil }
        guard let starts = value(1), let ends = value(2) else { return nil }
        if node.input(3) != nil && value(3) == nil { return nil }
        if node.input(4) != nil && value(4) == nil { return nil }
        return (starts, ends, value(3), value(4))
    }

    func concat(_ node: Node, _ parts: [FoldedTensor]) throws(FoldFailure) -> FoldedTensor {
        let rawAxis = Int(node.attribute("axis")?.int ?? 0)
        guard let first = parts.first, let dims = ShapeFunctions.concat(parts.map(\.dims), axis: rawAxis),
            let axis = TensorIndexing.axis(rawAxis, rank: first.rank)
        else { throw .invalid("Concat of \(parts.map(\.dims)) along \(rawAxis)") }
        try checkDims(dims)
        let outer = Array(first.dims[..<axis]).product
        var values: [Double] = []
        values.reserveCapacity(dims.product)
        for block in 0..<outer {
            for part in parts {
                let size = Array(part.dims[axis...]).product
                values.append(contentsOf: part.values[(block * size)..<((block + 1) * size)])
            }
        }
        return FoldedTensor(dims: dims, elementType: first.elementType, values: values)
    }

    /// `Range(start, limit, delta)`: `max(ceil((limit − start) / delta), 0)` values.
    func range(_ start: FoldedTensor, _ limit: FoldedTensor, _ delta: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        guard let s = start.scalarValue, let l = limit.scalarValue, let d = delta.scalarValue, d != 0 else {
            throw .invalid("Range needs scalar start, limit and a non-zero delta")
        }
        let exact = ((l - s) / d).rounded(.up)
        guard exact.isFinite else { throw .invalid("Range is not finite") }
        let count = Swift.max(FoldedTensor.saturatedInt(exact), 0)
        try checkSize(count)
        return FoldedTensor(dims: [count], elementType: start.elementType, values: (0..<count).map { s + Double($0) * d })
    }

    /// `Expand`: bidirectional broadcast of `x` with the requested shape.
    func expand(_ x: FoldedTensor, _ shape: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        let target = shape.integers
        guard target.allSatisfy({ $0 >= 0 }), let dims = Broadcast.shape([x.dims, target]) else {
            throw .invalid("cannot expand \(x.dims) to \(target)")
        }
        try checkDims(dims)
        let offsets = Broadcast.sourceOffsets(from: x.dims, to: dims)
        return FoldedTensor(dims: dims, elementType: x.elementType, values: offsets.map { x.values[$0] })
    }

    func tile(_ x: FoldedTensor, _ repeats: FoldedTensor) throws(FoldFailure) -> FoldedTensor {
        let counts = repeats.integers
        guard counts.count == x.rank, counts.allSatisfy({ (0...budget.limits.maxElements).contains($0) }) else {
            throw .invalid("repeats \(counts) for \(x.dims)")
        }
        let dims = zip(x.dims, counts).map { $0 * $1 }
        try checkDims(dims)
        let axisIndices = zip(x.dims, dims).map { dim, total in (0..<total).map { $0 % Swift.max(dim, 1) } }
        let offsets = TensorIndexing.offsets(dims: x.dims, axisIndices: axisIndices)
        return FoldedTensor(dims: dims, elementType: x.elementType, values: offsets.map { x.values[$0] })
    }

    func split(_ node: Node, _ x: FoldedTensor, _ splitInput: FoldedTensor?) throws(FoldFailure) -> [FoldedTensor] {
        let rawAxis = Int(node.attribute("axis")?.int ?? 0)
        guard let axis = TensorIndexing.axis(rawAxis, rank: x.rank),
            let sizes = ShapeFunctions.splitSizes(
                dim: x.dims[axis], split: splitInput?.integers ?? Self.ints(node, "split"), outputs: node.outputs.count,
                numOutputs: node.attribute("num_outputs")?.int.map { Int($0) })
        else { throw .invalid("Split of \(x.dims) along \(rawAxis)") }
        var start = 0
        var parts: [FoldedTensor] = []
        for size in sizes {
            var axisIndices = x.dims.map { Array(0..<$0) }
            axisIndices[axis] = Array(start..<(start + size))
            var dims = x.dims
            dims[axis] = size
            let offsets = TensorIndexing.offsets(dims: x.dims, axisIndices: axisIndices)
            parts.append(FoldedTensor(dims: dims, elementType: x.elementType, values: offsets.map { x.values[$0] }))
            start += size
        }
        return parts
    }
}
