/// Shape rules of the layout, reduction and resampling operators.
extension ShapeInference {
    func layout(_ node: Node, op: String, shapes: [[Int]?], constant: (Int) -> FoldedTensor?) -> [[Int]?] {
        var result = [[Int]?](repeating: nil, count: node.outputs.count)
        let first = shapes.first ?? nil
        func ints(_ name: String) -> [Int]? { ConstantFolder.ints(node, name) }
        func axisAttribute(_ default: Int) -> Int { Int(node.attribute("axis")?.int ?? Int64(`default`)) }
        switch op {
        case "Concat":
            let present = (0..<node.inputs.count).filter { node.input($0) != nil }.map { shapes[safe: $0] ?? nil }
            if present.allSatisfy({ $0 != nil }) { result[0] = ShapeFunctions.concat(present.compactMap { $0 }, axis: axisAttribute(0)) }
        case "Split":
            guard let x = first, let axis = TensorIndexing.axis(axisAttribute(0), rank: x.count) else { break }
            if node.input(1) != nil && constant(1) == nil { break }
            guard let sizes = ShapeFunctions.splitSizes(
                dim: x[axis], split: constant(1)?.integers ?? ints("split"), outputs: node.outputs.count,
                numOutputs: node.attribute("num_outputs")?.int.map { Int($0) })
            else { break }
            for (index, size) in sizes.enumerated() where index < result.count {
                var dims = x
                dims[axis] = size
                result[index] = dims
            }
        case "Slice":
            guard let x = first else { break }
            let inputs = (0..<node.inputs.count).map { $0 == 0 ? nil : constant($0) }  // never decode the data
            if let p = ConstantFolder.sliceParameters(node, inputs: inputs, opset: opset),
                let bounds = ShapeFunctions.slice(x, starts: p.starts, ends: p.ends, axes: p.axes, steps: p.steps)
            {
                result[0] = bounds.map(\.count)
            }
        case "Transpose":
            if let x = first, let perm = ShapeFunctions.permutation(ints("perm"), rank: x.count) { result[0] = perm.map { x[$0] } }
        case "Reshape":
            if let x = first, let target = constant(1)?.integers ?? (node.input(1) == nil ? ints("shape") : nil) {
                result[0] = ShapeFunctions.reshape(x, target: target, allowZero: (node.attribute("allowzero")?.int ?? 0) != 0)
            }
        case "Flatten":
            if let x = first { result[0] = ShapeFunctions.flatten(x, axis: axisAttribute(1)) }
        case "Squeeze", "Unsqueeze":
            guard let x = first else { break }
            if node.input(1) != nil && constant(1) == nil { break }
            let axes = constant(1)?.integers ?? ints("axes")
            result[0] = op == "Squeeze" ? ShapeFunctions.squeeze(x, axes: axes) : ShapeFunctions.unsqueeze(x, axes: axes ?? [])
        case "Resize", "Upsample":
            result[0] = resize(node, x: first, constant: constant)
        case "Pad":
            result[0] = pad(node, x: first, constant: constant)
        case _ where Self.reductions.contains(op):
            guard let x = first else { break }
            if node.input(1) != nil && constant(1) == nil { break }
            let axes = constant(1)?.integers ?? ints("axes") ?? []
            result[0] = ShapeFunctions.reduce(
                x, axes: axes, keepDims: (node.attribute("keepdims")?.int ?? 1) != 0,
                noopWithEmptyAxes: (node.attribute("noop_with_empty_axes")?.int ?? 0) != 0)
        case "ArgMax", "ArgMin":
            if let x = first { result[0] = ShapeFunctions.reduce(x, axes: [axisAttribute(0)], keepDims: (node.attribute("keepdims")?.int ?? 1) != 0) }
        case "Shape":
            if let x = first {
                let end = node.attribute("end")?.int.map { FoldedTensor.saturatedInt(Double($0)) }
                result[0] = [ShapeFunctions.shapeSlice(x, start: node.attribute("start")?.int.map { Int($0) }, end: end).count]
            }
        case "Size":
            result[0] = []
        case "Gather":
            guard let data = first, let indices = shapes[safe: 1] ?? nil,
                let axis = TensorIndexing.axis(axisAttribute(0), rank: data.count)
            else { break }
            result[0] = Array(data[..<axis]) + indices + Array(data[(axis + 1)...])
        case "GatherElements":
            result[0] = shapes[safe: 1] ?? nil
        case "ConstantOfShape":
            if let shape = constant(0)?.integers, shape.allSatisfy({ $0 >= 0 }) { result[0] = shape }
        case "Expand":
            if let x = first, let target = constant(1)?.integers { result[0] = Broadcast.shape([x, target]) }
        case "Tile":
            if let x = first, let repeats = constant(1)?.integers, repeats.count == x.count,
                repeats.allSatisfy({ (0...ValueScope.maxDimension).contains($0) })
            {
                result[0] = zip(x, repeats).map { $0 * $1 }  // both < 2^31: no overflow
            }
        case "LSTM", "GRU", "RNN":
            // X is [seq, batch, input] (layout 0) or [batch, seq, input] (layout 1).
            guard let x = first, x.count == 3, let hidden = node.attribute("hidden_size")?.int.map({ Int($0) }) else { break }
            let directions = node.attribute("direction")?.string == "bidirectional" ? 2 : 1
            let batchFirst = (node.attribute("layout")?.int ?? 0) != 0
            let (sequence, batch) = batchFirst ? (x[1], x[0]) : (x[0], x[1])
            result[0] = batchFirst ? [batch, sequence, directions, hidden] : [sequence, directions, batch, hidden]
            let state = batchFirst ? [batch, directions, hidden] : [directions, batch, hidden]
            for index in 1..<result.count { result[index] = state }
        case "Range":
            break  // folded when its operands are static; otherwise its length is data-dependent
        case "DepthToSpace", "SpaceToDepth":
            guard let x = first, x.count == 4, let raw = node.attribute("blocksize")?.int, raw > 0, raw < 1 << 15 else { break }
            let block = Int(raw)
            if op == "DepthToSpace" {
                if x[1] % (block * block) == 0 { result[0] = [x[0], x[1] / (block * block), x[2] * block, x[3] * block] }
            } else if x[2] % block == 0 && x[3] % block == 0 {
                result[0] = [x[0], x[1] * block * block, x[2] / block, x[3] / block]
            }
        case "TopK":
            guard let x = first, let k = constant(1)?.integers.first ?? node.attribute("k")?.int.map({ Int($0) }),
                let axis = TensorIndexing.axis(Int(node.attribute("axis")?.int ?? -1), rank: x.count)
            else { break }
            var dims = x
            dims[axis] = k
            result = result.map { _ in dims }
        default:
            break
        }
        return result
    }

    /// `Resize` (sizes or scales; opset-18 `axes`) and `Upsample` (scales input, or attribute before opset 9).
    /// Only the default `stretch` aspect-ratio policy is resolved.
    func resize(_ node: Node, x: [Int]?, constant: (Int) -> FoldedTensor?) -> [Int]? {
        guard let x else { return nil }
        let policy = node.attribute("keep_aspect_ratio_policy")?.string ?? "stretch"
        let axes = ConstantFolder.ints(node, "axes")?.compactMap { TensorIndexing.axis($0, rank: x.count) } ?? Array(0..<x.count)
        // Resize-10 takes (X, scales); Resize-11 and later (X, roi, scales, sizes).
        let modernResize = node.opType == "Resize" && (opset >= 11 || node.inputs.count > 2)
        if modernResize {
            if let sizes = constant(3)?.integers, !sizes.isEmpty {
                guard policy == "stretch", sizes.count == axes.count else { return nil }
                var output = x
                for (axis, size) in zip(axes, sizes) { output[axis] = size }
                return output
            }
        }
        let scalesIndex = modernResize ? 2 : 1
        let scales: [Double]?
        if let input = constant(scalesIndex), !input.values.isEmpty {
            scales = input.values
        } else {
            scales = node.attribute("scales")?.floats?.map { Double($0) }
        }
        guard let scales, scales.count == axes.count else { return nil }
        var output = x
        for (axis, scale) in zip(axes, scales) {
            let size = (Double(x[axis]) * Double(Float(scale))).rounded(.down)
            guard size.isFinite, size >= 0, size <= Double(ValueScope.maxDimension) else { return nil }
            output[axis] = Int(size)
        }
        return output
    }

    /// `Pad` with constant pads (input since opset 11, attribute `pads`/`paddings` before; opset-18 `axes`).
    func pad(_ node: Node, x: [Int]?, constant: (Int) -> FoldedTensor?) -> [Int]? {
        guard let x else { return nil }
        let pads: [Int]?
        // Pad-11 and later take pads as input 1; earlier versions as the `pads` (`paddings` in Pad-1) attribute.
        pads = ConstantFolder.ints(node, "pads") ?? ConstantFolder.ints(node, "paddings") ?? constant(1)?.integers
        guard let pads, pads.allSatisfy({ (-ValueScope.maxDimension...ValueScope.maxDimension).contains($0) }) else { return nil }
        let axes: [Int]
        if let given = constant(3)?.integers {
            let normalized = given.compactMap { TensorIndexing.axis($0, rank: x.count) }
            guard normalized.count == given.count else { return nil }
            axes = normalized
        } else {
            axes = Array(0..<x.count)
        }
        guard pads.count == 2 * axes.count else { return nil }
        var output = x
        for (index, axis) in axes.enumerated() {
            output[axis] += pads[index] + pads[index + axes.count]
            if output[axis] < 0 { return nil }
        }
        return output
    }
}
