/// Split, Slice (unit steps) and SpaceToDepth (DCR order is DepthToSpace's; SpaceToDepth has one order) for
/// the reference evaluator.
extension ReferenceEvaluator {
    /// The elements of `x` with index in `start..<end` along `axis`.
    func sliceAxis(_ x: ReferenceTensor, axis: Int, start: Int, end: Int) -> ReferenceTensor {
        var shape = x.shape
        shape[axis] = end - start
        let outer = x.shape[..<axis].reduce(1, *)
        let inner = x.shape[(axis + 1)...].reduce(1, *)
        var values: [Double] = []
        values.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for i in start..<end {
                let base = (o * x.shape[axis] + i) * inner
                values.append(contentsOf: x.values[base..<base + inner])
            }
        }
        return ReferenceTensor(shape: shape, values: values)
    }

    /// Split into `parts` sizes along `axis` (equal parts of `outputs` when `parts` is nil).
    func split(_ x: ReferenceTensor, axis rawAxis: Int, parts: [Int]?, outputs: Int) -> [ReferenceTensor] {
        let axis = rawAxis < 0 ? rawAxis + x.shape.count : rawAxis
        let sizes = parts ?? [Int](repeating: x.shape[axis] / outputs, count: outputs)
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return sliceAxis(x, axis: axis, start: start, end: start + size)
        }
    }

    /// Slice with constant starts/ends/axes and unit steps (negative indices and ends past the size clamp).
    func slice(_ x: ReferenceTensor, starts: [Int], ends: [Int], axes: [Int]?) -> ReferenceTensor {
        var result = x
        for (k, rawAxis) in (axes ?? Array(0..<starts.count)).enumerated() {
            let axis = rawAxis < 0 ? rawAxis + x.shape.count : rawAxis
            let n = result.shape[axis]
            func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + n : v, 0), n) }
            result = sliceAxis(result, axis: axis, start: clamp(starts[k]), end: clamp(ends[k]))
        }
        return result
    }

    /// SpaceToDepth of an NCHW tensor: output channel `(bh·b + bw)·C + c` holds `x[c, h·b + bh, w·b + bw]`.
    func spaceToDepth(_ x: ReferenceTensor, block b: Int) -> ReferenceTensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var result = ReferenceTensor(shape: [n, c * b * b, h / b, w / b])
        for bn in 0..<n {
            for ch in 0..<c {
                for i in 0..<h {
                    for j in 0..<w {
                        let oc = ((i % b) * b + j % b) * c + ch
                        let out = ((bn * c * b * b + oc) * (h / b) + i / b) * (w / b) + j / b
                        result.values[out] = x.values[((bn * c + ch) * h + i) * w + j]
                    }
                }
            }
        }
        return result
    }
}
