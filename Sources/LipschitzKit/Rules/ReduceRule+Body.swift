import ONNXModel

/// Reductions over disjoint groups of `n` elements: mean `1/√n`, sum and ℓ1 `√n`, max/min/ℓ2/log-sum-exp 1.
extension ReduceRule {
    func reduceRule(_ node: Node) -> OutputRule {
        let op = node.opType
        guard let x = node.input(0) else { return .unknown("\(op) has no input", .unbounded) }
        if let axesInput = node.input(1), isDependent(axesInput) {
            return .unknown("\(op) axes depend on the input", .unbounded)
        }
        let r = range(x)
        let axes = constantInts(node.input(1)) ?? ints(node, "axes") ?? []
        let noop = (int(node, "noop_with_empty_axes") ?? 0) != 0
        if axes.isEmpty && noop { return scaled(node, x, 1, r) }
        var n: Int?
        if let s = shape(x) {
            let chosen = axes.isEmpty ? Array(0..<s.count) : axes.map { $0 < 0 ? $0 + s.count : $0 }
            if chosen.allSatisfy({ $0 >= 0 && $0 < s.count }) { n = Set(chosen).map { s[$0] }.reduce(1, *) }
        }
        let count = n.map { Double(max($0, 1)) }
        switch op {
        case "ReduceMean":
            guard let count else { return scaled(node, x, 1, r) }  // size-independent: ≤ 1
            return scaled(node, x, Outward.reciprocalSqrt(count), r)
        case "ReduceSum", "ReduceL1":
            guard let count else { return .unknown("\(op) over axes of unknown size", .unbounded) }
            let out = op == "ReduceSum" ? r.scaled(by: count) : Interval(0, Outward.up(r.magnitude * count))
            return scaled(node, x, Outward.sqrt(count), out)
        case "ReduceL2":
            let out = Interval(0, count.map { Outward.up(r.magnitude * Outward.sqrt($0)) } ?? .infinity)
            return scaled(node, x, 1, out)
        case "ReduceLogSumExp":
            let out = Interval(r.lower, count.map { Outward.up(r.upper + CMath.log($0)) } ?? .infinity)
            return scaled(node, x, 1, out)
        default:  // ReduceMax, ReduceMin
            return scaled(node, x, 1, r)
        }
    }
}
