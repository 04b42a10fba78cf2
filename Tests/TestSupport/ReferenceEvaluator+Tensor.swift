/// Layout and arithmetic operators of the reference evaluator.
extension ReferenceEvaluator {
    /// Numpy-broadcast binary operation.
    func broadcast(_ a: ReferenceTensor, _ b: ReferenceTensor, _ f: (Double, Double) -> Double) -> ReferenceTensor {
        let rank = max(a.shape.count, b.shape.count)
        let sa = [Int](repeating: 1, count: rank - a.shape.count) + a.shape
        let sb = [Int](repeating: 1, count: rank - b.shape.count) + b.shape
        let out = zip(sa, sb).map { x, y -> Int in
            precondition(x == y || x == 1 || y == 1, "shapes \(a.shape) and \(b.shape) do not broadcast")
            return max(x, y)
        }
        let ta = ReferenceTensor(shape: sa, values: a.values).strides
        let tb = ReferenceTensor(shape: sb, values: b.values).strides
        var result = ReferenceTensor(shape: out)
        let outStrides = result.strides
        for i in 0..<result.count {
            var ia = 0, ib = 0, rest = i
            for axis in 0..<rank {
                let coordinate = rest / outStrides[axis]
                rest %= outStrides[axis]
                if sa[axis] != 1 { ia += coordinate * ta[axis] }
                if sb[axis] != 1 { ib += coordinate * tb[axis] }
            }
            result.values[i] = f(a.values[ia], b.values[ib])
        }
        return result
    }

    func softmax(_ t: ReferenceTensor, axis rawAxis: Int) -> ReferenceTensor {
        let axis = rawAxis < 0 ? rawAxis + t.shape.count : rawAxis
        let n = t.shape[axis]
        let inner = t.shape.suffix(from: axis + 1).reduce(1, *)
        let outer = t.count / (n * inner)
        var result = t
        for o in 0..<outer {
            for i in 0..<inner {
                let indices = (0..<n).map { (o * n + $0) * inner + i }
                let m = indices.map { t.values[$0] }.max()!
                let e = indices.map { Math.exp(t.values[$0] - m) }
                let s = e.reduce(0, +)
                for (k, index) in indices.enumerated() { result.values[index] = e[k] / s }
            }
        }
        return result
    }

    func transpose(_ t: ReferenceTensor, _ perm: [Int]?) -> ReferenceTensor {
        let p = perm ?? Array((0..<t.shape.count).reversed())
        let shape = p.map { t.shape[$0] }
        var result = ReferenceTensor(shape: shape)
        let inStrides = t.strides
        let outStrides = result.strides
        for i in 0..<result.count {
            var rest = i, source = 0
            for axis in 0..<shape.count {
                source += (rest / outStrides[axis]) * inStrides[p[axis]]
                rest %= outStrides[axis]
            }
            result.values[i] = t.values[source]
        }
        return result
    }

    func concat(_ parts: [ReferenceTensor], axis rawAxis: Int) -> ReferenceTensor {
        let axis = rawAxis < 0 ? rawAxis + parts[0].shape.count : rawAxis
        let outer = parts[0].shape.prefix(axis).reduce(1, *)
        var shape = parts[0].shape
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        var values: [Double] = []
        for o in 0..<outer {
            for part in parts {
                let block = part.shape.suffix(from: axis).reduce(1, *)
                values += part.values[(o * block)..<((o + 1) * block)]
            }
        }
        return ReferenceTensor(shape: shape, values: values)
    }

    func gemm(
        _ a: ReferenceTensor, _ b: ReferenceTensor, _ c: ReferenceTensor?, alpha: Double, beta: Double, transA: Bool,
        transB: Bool
    ) -> ReferenceTensor {
        let a2 = transA ? transpose(a, [1, 0]) : a
        let b2 = transB ? transpose(b, [1, 0]) : b
        var y = matmul(a2, b2)
        y.values = y.values.map { $0 * alpha }
        if let c { y = broadcast(y, c) { $0 + beta * $1 } }
        return y
    }

    /// 2-D × 2-D, or N-D × 2-D (the weight applied to the last axis).
    func matmul(_ a: ReferenceTensor, _ b: ReferenceTensor) -> ReferenceTensor {
        precondition(b.shape.count == 2, "reference MatMul supports a 2-D right operand")
        let k = b.shape[0], n = b.shape[1]
        precondition(a.shape.last == k)
        let rows = a.count / k
        var values = [Double](repeating: 0, count: rows * n)
        for r in 0..<rows {
            for j in 0..<n {
                var s = 0.0
                for t in 0..<k { s += a.values[r * k + t] * b.values[t * n + j] }
                values[r * n + j] = s
            }
        }
        return ReferenceTensor(shape: Array(a.shape.dropLast()) + [n], values: values)
    }

    func batchNorm(
        _ x: ReferenceTensor, _ gamma: ReferenceTensor, _ beta: ReferenceTensor, _ mean: ReferenceTensor,
        _ variance: ReferenceTensor, epsilon: Double
    ) -> ReferenceTensor {
        let c = x.shape[1]
        let inner = x.shape.dropFirst(2).reduce(1, *)
        var y = x
        for i in 0..<x.count {
            let channel = (i / inner) % c
            y.values[i] = (x.values[i] - mean.values[channel]) / (variance.values[channel] + epsilon).squareRoot()
                * gamma.values[channel] + beta.values[channel]
        }
        return y
    }

    func globalAverage(_ x: ReferenceTensor) -> ReferenceTensor {
        let inner = x.shape.dropFirst(2).reduce(1, *)
        let outer = x.count / inner
        let values = (0..<outer).map { o in x.values[(o * inner)..<((o + 1) * inner)].reduce(0, +) / Double(inner) }
        return ReferenceTensor(shape: Array(x.shape.prefix(2)) + [Int](repeating: 1, count: x.shape.count - 2), values: values)
    }

    /// Pad of a 4-D tensor (pads `[b0, b1, b2, b3, e0, e1, e2, e3]`).
    func pad(_ x: ReferenceTensor, pads: [Int], mode: String, value: Double) -> ReferenceTensor {
        let rank = x.shape.count
        let shape = (0..<rank).map { x.shape[$0] + pads[$0] + pads[$0 + rank] }
        var result = ReferenceTensor(shape: shape)
        let outStrides = result.strides
        let inStrides = x.strides
        for i in 0..<result.count {
            var rest = i, source = 0, inside = true
            for axis in 0..<rank {
                var p = rest / outStrides[axis] - pads[axis]
                rest %= outStrides[axis]
                let n = x.shape[axis]
                if p < 0 || p >= n {
                    switch mode {
                    case "reflect": p = p < 0 ? -p : 2 * (n - 1) - p
                    case "edge": p = min(max(p, 0), n - 1)
                    case "wrap": p = ((p % n) + n) % n
                    default: inside = false
                    }
                }
                source += max(min(p, n - 1), 0) * inStrides[axis]
            }
            result.values[i] = inside ? x.values[source] : value
        }
        return result
    }

    /// Nearest Resize with `asymmetric` coordinates and `floor` rounding (the PaddleOCR export's settings).
    func resizeNearest(_ x: ReferenceTensor, scales: [Double]) -> ReferenceTensor {
        let shape = zip(x.shape, scales).map { Int((Double($0) * $1).rounded(.down)) }
        var result = ReferenceTensor(shape: shape)
        let outStrides = result.strides
        let inStrides = x.strides
        for i in 0..<result.count {
            var rest = i, source = 0
            for axis in 0..<shape.count {
                let o = rest / outStrides[axis]
                rest %= outStrides[axis]
                source += min(Int((Double(o) / scales[axis]).rounded(.down)), x.shape[axis] - 1) * inStrides[axis]
            }
            result.values[i] = x.values[source]
        }
        return result
    }

    /// Linear Resize of the last two axes of a 4-D tensor (source positions clamped to the input).
    func resizeLinear(_ x: ReferenceTensor, scales: [Double], mode: String) -> ReferenceTensor {
        let shape = zip(x.shape, scales).map { Int((Double($0) * $1).rounded(.down)) }
        func taps(_ o: Int, _ n: Int, _ out: Int, _ s: Double) -> [(Int, Double)] {
            var p: Double
            switch mode {
            case "asymmetric": p = Double(o) / s
            case "align_corners": p = out == 1 ? 0 : Double(o) * Double(n - 1) / Double(out - 1)
            default: p = (Double(o) + 0.5) / s - 0.5
            }
            p = min(max(p, 0), Double(n - 1))
            let i0 = Int(p.rounded(.down))
            let l = p - Double(i0)
            return [(i0, 1 - l), (min(i0 + 1, n - 1), l)]
        }
        var result = ReferenceTensor(shape: shape)
        let (h, w, oh, ow) = (x.shape[2], x.shape[3], shape[2], shape[3])
        for plane in 0..<(shape[0] * shape[1]) {
            for i in 0..<oh {
                for j in 0..<ow {
                    var v = 0.0
                    for (r, a) in taps(i, h, oh, scales[2]) {
                        for (c, b) in taps(j, w, ow, scales[3]) { v += a * b * x.values[(plane * h + r) * w + c] }
                    }
                    result.values[(plane * oh + i) * ow + j] = v
                }
            }
        }
        return result
    }

    /// Mean over `axes` with the reduced axes kept (size 1).
    func reduceMean(_ x: ReferenceTensor, axes rawAxes: [Int]) -> ReferenceTensor {
        let rank = x.shape.count
        let axes = Set((rawAxes.isEmpty ? Array(0..<rank) : rawAxes).map { $0 < 0 ? $0 + rank : $0 })
        let shape = x.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        var result = ReferenceTensor(shape: shape)
        let outStrides = result.strides
        let inStrides = x.strides
        let n = Double(x.count / max(result.count, 1))
        for i in 0..<x.count {
            var rest = i, target = 0
            for axis in 0..<rank {
                let coordinate = rest / inStrides[axis]
                rest %= inStrides[axis]
                if !axes.contains(axis) { target += coordinate * outStrides[axis] }
            }
            result.values[target] += x.values[i] / n
        }
        return result
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
