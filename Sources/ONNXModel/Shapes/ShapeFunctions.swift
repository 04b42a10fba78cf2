/// Output dims of the layout operators, as pure functions of input dims and constant operands. Shared by
/// constant folding (which also moves values) and the static shape pass. `nil` means "invalid or unknown".
enum ShapeFunctions {
    /// `Reshape`: `0` copies the input dim (unless `allowZero`), one `-1` takes what is left.
    static func reshape(_ input: [Int], target: [Int], allowZero: Bool) -> [Int]? {
        var output = target
        var inferred: Int?
        for (axis, value) in target.enumerated() {
            if value == 0 && !allowZero {
                guard axis < input.count else { return nil }
                output[axis] = input[axis]
            } else if value == -1 {
                guard inferred == nil else { return nil }
                inferred = axis
            } else if value < 0 {
                return nil
            }
        }
        let total = input.product
        if let axis = inferred {
            var known = output
            known.remove(at: axis)
            let rest = known.product
            guard rest > 0, total % rest == 0 else { return nil }
            output[axis] = total / rest
        }
        return output.product == total ? output : nil
    }

    /// `Unsqueeze`: inserts 1s at `axes` (normalized against the output rank).
    static func unsqueeze(_ input: [Int], axes: [Int]) -> [Int]? {
        let rank = input.count + axes.count
        let normalized = axes.compactMap { TensorIndexing.axis($0, rank: rank) }
        guard normalized.count == axes.count, Set(normalized).count == axes.count else { return nil }
        var output: [Int] = []
        var source = input.makeIterator()
        for axis in 0..<rank {
            if normalized.contains(axis) {
                output.append(1)
            } else if let dim = source.next() {
                output.append(dim)
            }
        }
        return output
    }

    /// `Squeeze`: removes the size-1 `axes`, or every size-1 axis when `axes` is `nil` or empty.
    static func squeeze(_ input: [Int], axes: [Int]?) -> [Int]? {
        guard let axes, !axes.isEmpty else { return input.filter { $0 != 1 } }
        let normalized = axes.compactMap { TensorIndexing.axis($0, rank: input.count) }
        guard normalized.count == axes.count, Set(normalized).count == axes.count,
            normalized.allSatisfy({ input[$0] == 1 })
        else { return nil }
        return input.enumerated().filter { !normalized.contains($0.offset) }.map(\.element)
    }

    /// `Flatten`: `[prod(d[..<axis]), prod(d[axis...])]`.
    static func flatten(_ input: [Int], axis: Int) -> [Int]? {
        let axis = axis < 0 ? axis + input.count : axis
        guard (0...input.count).contains(axis) else { return nil }
        return [Array(input[..<axis]).product, Array(input[axis...]).product]
    }

    /// `Transpose` permutation: the attribute, or reversed axes by default; `nil` when not a permutation.
    static func permutation(_ perm: [Int]?, rank: Int) -> [Int]? {
        let perm = perm ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm) == Set(0..<rank) else { return nil }
        return perm
    }

    /// `Concat` along `axis`; every other dim must agree.
    static func concat(_ inputs: [[Int]], axis: Int) -> [Int]? {
        guard let first = inputs.first, let axis = TensorIndexing.axis(axis, rank: first.count) else {
            return nil
        }
        var output = first
        output[axis] = 0
        for shape in inputs {
            guard shape.count == first.count else { return nil }
            for index in 0..<shape.count where index != axis && shape[index] != first[index] { return nil }
            output[axis] += shape[axis]
        }
        return output
    }

    /// `MatMul` with numpy semantics (1-D operands promoted and the added axis removed; batch dims
    /// broadcast).
    static func matMul(_ a: [Int], _ b: [Int]) -> [Int]? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let left = a.count == 1 ? [1] + a : a
        let right = b.count == 1 ? b + [1] : b
        guard left[left.count - 1] == right[right.count - 2] else { return nil }
        guard let batch = Broadcast.shape([Array(left.dropLast(2)), Array(right.dropLast(2))]) else {
            return nil
        }
        var output = batch
        if a.count > 1 { output.append(left[left.count - 2]) }
        if b.count > 1 { output.append(right[right.count - 1]) }
        return output
    }

    /// `Gemm`: `[M, N]` from A `(M, K)` (or `(K, M)` when `transA`) and B `(K, N)` (or `(N, K)`).
    static func gemm(_ a: [Int], _ b: [Int], transA: Bool, transB: Bool) -> [Int]? {
        guard a.count == 2, b.count == 2 else { return nil }
        let m = transA ? a[1] : a[0]
        let ka = transA ? a[0] : a[1]
        let kb = transB ? b[1] : b[0]
        let n = transB ? b[0] : b[1]
        return ka == kb ? [m, n] : nil
    }

    /// `Slice` output dims; `starts`/`ends`/`axes`/`steps` as the operator takes them (axes default to
    /// `0..<starts.count`, steps to 1).
    static func slice(_ input: [Int], starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?)
        -> [(first: Int, step: Int, count: Int)]?
    {
        guard starts.count == ends.count else { return nil }
        let axes = axes ?? Array(0..<starts.count)
        let steps = steps ?? [Int](repeating: 1, count: starts.count)
        guard axes.count == starts.count, steps.count == starts.count else { return nil }
        var bounds = input.map { (first: 0, step: 1, count: $0) }
        var seen = Set<Int>()
        for index in 0..<starts.count {
            guard let axis = TensorIndexing.axis(axes[index], rank: input.count), seen.insert(axis).inserted,
                let axisBounds = TensorIndexing.sliceBounds(
                    dim: input[axis], start: starts[index], end: ends[index], step: steps[index])
            else { return nil }
            bounds[axis] = axisBounds
        }
        return bounds
    }

    /// Reduction output dims (`ReduceMean`, `ArgMax`, ...). Empty `axes` reduces everything unless
    /// `noopWithEmptyAxes`.
    static func reduce(_ input: [Int], axes: [Int], keepDims: Bool, noopWithEmptyAxes: Bool = false) -> [Int]? {
        if axes.isEmpty && noopWithEmptyAxes { return input }
        let normalized = axes.isEmpty ? Array(0..<input.count) : axes.compactMap { TensorIndexing.axis($0, rank: input.count) }
        guard normalized.count == (axes.isEmpty ? input.count : axes.count), Set(normalized).count == normalized.count
        else { return nil }
        var output: [Int] = []
        for (axis, dim) in input.enumerated() {
            if normalized.contains(axis) {
                if keepDims { output.append(1) }
            } else {
                output.append(dim)
            }
        }
        return output
    }
}

extension ShapeFunctions {
    /// `Split` part sizes along an axis of size `dim`: the explicit `split`, or `outputs` equal parts
    /// (`num_outputs`, opset 18, allows a smaller last part).
    static func splitSizes(dim: Int, split: [Int]?, outputs: Int, numOutputs: Int?) -> [Int]? {
        if let split {
            guard split.count == outputs, split.allSatisfy({ (0...dim).contains($0) }) else { return nil }
            return split.reduce(0, +) == dim ? split : nil  // each ≤ dim: the sum cannot overflow
        }
        let parts = numOutputs ?? outputs
        guard parts > 0, parts == outputs else { return nil }  // num_outputs must match the node's outputs
        if dim % parts == 0 { return [Int](repeating: dim / parts, count: parts) }
        guard numOutputs != nil else { return nil }
        let size = (dim + parts - 1) / parts
        let last = dim - size * (parts - 1)
        return last >= 0 ? [Int](repeating: size, count: parts - 1) + [last] : nil
    }

    /// `Shape` (with the opset-15 `start`/`end` attributes, clamped).
    static func shapeSlice(_ shape: [Int], start: Int?, end: Int?) -> [Int] {
        let rank = shape.count
        func clamp(_ value: Int) -> Int { min(max(value < 0 ? value + rank : value, 0), rank) }
        let s = clamp(start ?? 0)
        let e = clamp(end ?? rank)
        return s < e ? Array(shape[s..<e]) : []
    }
}
