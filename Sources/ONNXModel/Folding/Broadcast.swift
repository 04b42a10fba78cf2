/// numpy-style multidirectional broadcasting of shapes (ONNX "Broadcasting in ONNX").
enum Broadcast {
    /// The broadcast shape of `shapes`, or `nil` when two dims differ and neither is 1.
    static func shape(_ shapes: [[Int]]) -> [Int]? {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for shape in shapes {
            let offset = rank - shape.count
            for (axis, dim) in shape.enumerated() {
                let current = result[offset + axis]
                if current == dim || dim == 1 { continue }
                if current == 1 { result[offset + axis] = dim } else { return nil }
            }
        }
        return result
    }

    /// For every element of a tensor of shape `target` (row-major), the offset of the element of a tensor of
    /// shape `source` that broadcasting maps onto it.
    /// - Precondition: `source` broadcasts to `target`.
    static func sourceOffsets(from source: [Int], to target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - source.count) + source
        let indices = padded.enumerated().map { axis, dim in
            dim == 1 ? [Int](repeating: 0, count: target[axis]) : Array(0..<target[axis])
        }
        return TensorIndexing.offsets(dims: padded, axisIndices: indices)
    }
}

/// Index arithmetic shared by the folding of layout operators.
enum TensorIndexing {
    /// Row-major offsets, into a tensor of shape `dims`, of the cartesian product of `axisIndices` (one list
    /// of indices per axis, in order): the elements of `t[i0 ∈ list0, i1 ∈ list1, ...]`.
    static func offsets(dims: [Int], axisIndices: [[Int]]) -> [Int] {
        offsets(strides: dims.rowMajorStrides, axisIndices: axisIndices)
    }

    /// As `offsets(dims:axisIndices:)` with explicit per-axis strides (a permuted view for Transpose).
    static func offsets(strides: [Int], axisIndices: [[Int]]) -> [Int] {
        var result = [0]
        for (axis, indices) in axisIndices.enumerated() {
            var next: [Int] = []
            next.reserveCapacity(result.count * indices.count)
            for base in result {
                for index in indices { next.append(base + index * strides[axis]) }
            }
            result = next
        }
        return result
    }

    /// Normalizes an axis against `rank` (negative counts from the end); `nil` when out of range.
    static func axis(_ value: Int, rank: Int) -> Int? {
        let axis = value < 0 ? value + rank : value
        return (0..<rank).contains(axis) ? axis : nil
    }

    /// What ONNX `Slice` selects on an axis of size `dim` (clamping as the operator specifies): the first
    /// index, the step and how many elements. `nil` for a zero step.
    static func sliceBounds(dim: Int, start: Int, end: Int, step: Int) -> (first: Int, step: Int, count: Int)? {
        guard step != 0 else { return nil }
        var s = start < 0 ? start + dim : start
        var e = end < 0 ? end + dim : end
        if step > 0 {
            s = min(max(s, 0), dim)
            e = min(max(e, 0), dim)
            let count = s < e ? (e - s + step - 1) / step : 0
            return (s, step, count)
        } else {
            s = min(max(s, 0), dim - 1)
            e = min(max(e, -1), dim - 1)
            let count = s > e ? (s - e + (-step) - 1) / (-step) : 0
            return (s, step, count)
        }
    }
}
