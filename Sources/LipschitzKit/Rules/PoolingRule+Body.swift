import ONNXModel

/// MaxPool `√(Π m_j)`, AveragePool by the Schur test, LpPool, and the global pools.
extension PoolingRule {
    func poolRule(_ node: Node) -> [OutputRule] {
        let op = node.opType
        guard let x = node.input(0) else { return unknown(node, "\(op) has no input") }
        let inShape = shape(x)
        // Every pooled value lies in its input channel's range (averages with padding also reach 0).
        let countsPadding = op == "AveragePool" && (int(node, "count_include_pad") ?? 0) != 0
        let r = op == "LpPool" || op == "GlobalLpPool"
            ? range(x) : mapChannels(x, to: node.outputs.first) { countsPadding ? $0.hull(.point(0)) : $0 }
        let spatial = inShape.map { Array($0.dropFirst(2)) }
        // MaxPool's Indices output jumps when the argmax changes: discontinuous, so unknown if used.
        let extra = node.outputs.dropFirst().map { _ in
            OutputRule.unknown("MaxPool indices are discontinuous in the input", .unbounded)
        }
        switch op {
        case "GlobalAveragePool":
            guard let spatial, spatial.allSatisfy({ $0 > 0 }) else {
                return [scaled(node, x, 1, r)]  // size-independent: an average is ≤ 1
            }
            let count = spatial.reduce(1, *)
            return [scaled(node, x, Outward.reciprocalSqrt(Double(count)), r)]
        case "GlobalMaxPool":
            return [scaled(node, x, 1, r)]
        case "GlobalLpPool":
            let p = Double(int(node, "p") ?? 2)
            guard let spatial else {
                return p >= 2 ? [scaled(node, x, 1, Interval(0, .infinity))] : unknown(node, "GlobalLpPool size unknown")
            }
            let count = Double(spatial.reduce(1, *))
            let factor = p >= 2 ? 1 : Outward.sqrt(count)
            return [scaled(node, x, factor, Interval(0, Outward.up(r.magnitude * count)))]
        default:
            break
        }
        guard let kernel = ints(node, "kernel_shape"), !kernel.isEmpty, kernel.allSatisfy({ $0 > 0 }) else {
            return unknown(node, "\(op) without a valid kernel_shape")
        }
        let rank = kernel.count
        let strides = ints(node, "strides") ?? [Int](repeating: 1, count: rank)
        let dilations = ints(node, "dilations") ?? [Int](repeating: 1, count: rank)
        guard strides.count == rank, dilations.count == rank, strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 })
        else { return unknown(node, "\(op) has inconsistent strides/dilations") }
        switch op {
        case "MaxPool":
            let m = (0..<rank).map { PoolGeometry.maxOverlap(kernel: kernel[$0], stride: strides[$0], dilation: dilations[$0]) }
            return [scaled(node, x, Outward.sqrt(Double(m.reduce(1, *))), r)] + extra
        case "LpPool":
            let p = Double(int(node, "p") ?? 2)
            let m = (0..<rank).map { PoolGeometry.maxOverlap(kernel: kernel[$0], stride: strides[$0], dilation: dilations[$0]) }
            let k = Double(kernel.reduce(1, *))
            let factor = Outward.mul(Outward.sqrt(Double(m.reduce(1, *))), p >= 2 ? 1 : Outward.sqrt(k))
            return [scaled(node, x, factor, Interval(0, Outward.up(r.magnitude * k)))]
        default:
            return [averagePoolRule(node, x: x, kernel: kernel, strides: strides, dilations: dilations, spatial: spatial, outRange: r)]
        }
    }

    private func averagePoolRule(
        _ node: Node, x: String, kernel: [Int], strides: [Int], dilations: [Int], spatial: [Int]?, outRange: Interval
    ) -> OutputRule {
        let rank = kernel.count
        let countIncludePad = (int(node, "count_include_pad") ?? 0) != 0
        let ceilMode = (int(node, "ceil_mode") ?? 0) != 0
        let autoPad = string(node, "auto_pad") ?? "NOTSET"
        let explicit = ints(node, "pads") ?? [Int](repeating: 0, count: 2 * rank)
        guard explicit.count == 2 * rank else { return .unknown("AveragePool pads do not match its rank", .unbounded) }
        let sizes = spatial.flatMap { $0.count == rank ? $0 : nil }
        var factor = 1.0
        for axis in 0..<rank {
            let n = sizes?[axis]
            let pads = PoolGeometry.pads(
                autoPad: autoPad, explicit: (explicit[axis], explicit[axis + rank]), n: n, kernel: kernel[axis],
                stride: strides[axis], dilation: dilations[axis])
            let axisFactor: Double
            if let n, let pads {
                axisFactor = PoolGeometry.averageSchur(
                    n: n, kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis], pads: pads,
                    ceilMode: ceilMode, countIncludePad: countIncludePad)
            } else {
                axisFactor = PoolGeometry.averageSchurAnySize(
                    kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis], ceilMode: ceilMode,
                    countIncludePad: countIncludePad && autoPad == "NOTSET")
            }
            factor = Outward.mul(factor, axisFactor)
        }
        return scaled(node, x, factor, outRange)
    }
}
