import ONNXModel

/// A normalization written out as nodes (LayerNorm/RMSNorm as exported by Paddle and PyTorch):
/// `y = d / √(mean(d²) + ε)` with the mean over some axes (kept), so each group `g` of `n` elements maps
/// `d_g ↦ d_g / √(‖d_g‖²/n + ε)`. Its Jacobian is `(I − d dᵀ/(n r²))/r` with `r = √(‖d‖²/n + ε) ≥ √ε`, of
/// norm `≤ 1/r`, so the map is `1/√ε`-Lipschitz (groups are disjoint); and `|y_i| ≤ √n`. This replaces
/// the generic quotient rule, which multiplies huge interval bounds for this pattern.
extension ArithmeticRule {
    /// `(ε, n)` when `Div(d, s)` is such a normalization; `n` is `nil` when the group size is unknown.
    func writtenOutNormalization(_ node: Node, _ d: String, _ s: String) -> (epsilon: Double, groupSize: Int?)? {
        func producer(_ name: String, _ op: String) -> Node? {
            guard let index = producers[name] else { return nil }
            let p = graph.nodes[index]
            return p.opType == op && p.isDefaultDomain ? p : nil
        }
        guard let sqrt = producer(s, "Sqrt"), let sum = sqrt.input(0).flatMap({ producer($0, "Add") }),
            let a0 = sum.input(0), let a1 = sum.input(1)
        else { return nil }
        let (meanName, epsilon): (String, Double)
        if let e = scalarConstant(a1), !isDependent(a1) { (meanName, epsilon) = (a0, e) }
        else if let e = scalarConstant(a0), !isDependent(a0) { (meanName, epsilon) = (a1, e) }
        else { return nil }
        guard epsilon > 0, let mean = producer(meanName, "ReduceMean"), (int(mean, "keepdims") ?? 1) == 1,
            let squareName = mean.input(0), let square = producers[squareName].map({ graph.nodes[$0] }),
            square.isDefaultDomain
        else { return nil }
        switch square.opType {
        case "Pow":
            guard square.input(0) == d, square.input(1).flatMap({ scalarConstant($0) }) == 2 else { return nil }
        case "Mul":
            guard square.input(0) == d, square.input(1) == d else { return nil }
        default: return nil
        }
        if let axesInput = mean.input(1), isDependent(axesInput) { return nil }
        let axes = constantInts(mean.input(1)) ?? ints(mean, "axes") ?? []
        var n: Int?
        if let shape = shape(d) {
            let chosen = axes.isEmpty ? Array(0..<shape.count) : axes.map { $0 < 0 ? $0 + shape.count : $0 }
            if chosen.allSatisfy({ $0 >= 0 && $0 < shape.count }) { n = Set(chosen).map { shape[$0] }.reduce(1, *) }
        }
        // The output must be d's shape (s broadcasts back over the reduced axes).
        guard let outShape = shape(node.outputs.first), let dShape = shape(d), outShape == dShape else { return nil }
        return (epsilon, n)
    }
}
