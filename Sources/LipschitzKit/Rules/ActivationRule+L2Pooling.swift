import ONNXModel

/// L2-norm pooling written out (spectral-methods §7.5): `Sqrt(c·AveragePool(t²))` with an unpadded,
/// undilated AveragePool of window `K` computes `√(c/|K|)·‖t_W‖` per window `W`. Each window norm is
/// 1-Lipschitz in the window, and a pixel lies in at most `m = Π ⌈k_j/s_j⌉` windows, so the factor is
/// `√(c·m/|K|)` (`√m` for `c = |K|`, 1 without overlap).
extension ActivationRule {
    func l2PoolingTerm(_ node: Node) -> OutputRule.Term? {
        guard let scaledName = node.input(0), let mul = producerNode(scaledName, "Mul"),
            let a = mul.input(0), let b = mul.input(1)
        else { return nil }
        let (poolName, constant) = producerNode(a, "AveragePool") != nil ? (a, b) : (b, a)
        guard let c = scalarConstant(constant), c > 0, let pool = producerNode(poolName, "AveragePool"),
            let kernel = ints(pool, "kernel_shape"), !kernel.isEmpty,
            (ints(pool, "pads") ?? []).allSatisfy({ $0 == 0 }), (ints(pool, "dilations") ?? []).allSatisfy({ $0 == 1 }),
            (string(pool, "auto_pad") ?? "NOTSET") == "NOTSET" || string(pool, "auto_pad") == "VALID",
            (int(pool, "ceil_mode") ?? 0) == 0, let squared = pool.input(0), let square = producerNode(squared, nil)
        else { return nil }
        let strides = ints(pool, "strides") ?? [Int](repeating: 1, count: kernel.count)
        guard strides.count == kernel.count, let base = square.input(0) else { return nil }
        switch square.opType {
        case "Pow": guard square.input(1).flatMap({ scalarConstant($0) }) == 2 else { return nil }
        case "Mul": guard square.input(1) == base else { return nil }
        default: return nil
        }
        let overlap = zip(kernel, strides).map { PoolGeometry.maxOverlap(kernel: $0, stride: $1, dilation: 1) }.reduce(1, *)
        let window = kernel.reduce(1, *)
        let factor = Outward.sqrt(Outward.up(c * Double(overlap) / Double(window)))
        return OutputRule.Term(source: base, factor: factor, steps: [PathStep(node: label(node), op: "L2 pooling", factor: factor)])
    }

    /// The default-domain node producing `name` (of type `op`, any type when nil).
    func producerNode(_ name: String, _ op: String?) -> Node? {
        guard let index = producers[name] else { return nil }
        let node = graph.nodes[index]
        guard node.isDefaultDomain, op == nil || node.opType == op else { return nil }
        return node
    }
}
