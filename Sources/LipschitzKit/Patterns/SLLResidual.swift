import ONNXModel

/// An SLL/CPL residual layer written with dense maps (spectral-methods §7.4): `h = x − σ(x·A + b)·S·Aᵀ`
/// (row vectors; `x − A·S·σ(Aᵀx + b)` in column form), the inner map `Gemm`/`MatMul` by `A`, `σ` monotone with
/// slope in [0, 1] (Relu, LeakyRelu with α ∈ [0, 1], Tanh, Sigmoid), `S = diag(s) ≥ 0` a constant `Mul` (or `Div`
/// by a positive constant, or none), and the outer map by exactly `Aᵀ` (the same values, checked entry by entry).
struct SLLResidual {
    /// The residual input `x`.
    var input: String
    /// `A` (`n × m`, row-major), as the inner map applies it.
    var a: [Double]
    var n: Int
    var m: Int
    /// `s` (length `m`, ≥ 0).
    var scale: [Double]

    static func match(_ sub: Node, in index: GraphIndex) -> SLLResidual? {
        guard sub.opType == "Sub", let x = sub.input(0), let outerNode = index.producer(sub.input(1)),
            let (outer, outerIn) = matrix(outerNode, index), let actOut = outerIn
        else { return nil }
        // u = σ(z)·s, σ(z)/t or σ(z).
        var scaleNode: Node?
        var act = index.producer(actOut)
        if let node = act, node.opType == "Mul" || node.opType == "Div" {
            scaleNode = node
            act = index.producer(node.input(0))
            if node.opType == "Mul", act.map(SLLShape.isAdmissibleActivation) != true {
                act = index.producer(node.input(1))
            }
        }
        guard let act, SLLShape.isAdmissibleActivation(act), let z = act.input(0), let innerNode = index.producer(z) else { return nil }
        var innerCandidate = innerNode
        if innerNode.opType == "Add", let first = index.producer(innerNode.input(0)),
            let bias = innerNode.input(1), index.constants.tensor(bias) != nil
        {
            innerCandidate = first
        }
        guard let (inner, innerIn) = matrix(innerCandidate, index), innerIn == x else { return nil }
        // inner applies x ↦ x·A with A n×m; outer applies u ↦ u·B with B m×n; sharing: B = Aᵀ.
        let (n, m) = (inner.rows, inner.cols)
        guard outer.rows == m, outer.cols == n else { return nil }
        for i in 0..<n { for j in 0..<m where inner.values[i * m + j] != outer.values[j * n + i] { return nil } }
        var scale = [Double](repeating: 1, count: m)
        if let node = scaleNode {
            let constantName = node.opType == "Div" ? node.input(1)
                : (node.input(0) == act.outputs.first ? node.input(1) : node.input(0))
            guard let name = constantName, let tensor = index.constants.tensor(name), let values = try? tensor.doubles(),
                values.count == 1 || values.count == m, tensor.dims.dropLast().allSatisfy({ $0 == 1 })
            else { return nil }
            let expanded = values.count == 1 ? [Double](repeating: values[0], count: m) : values
            if node.opType == "Div" {
                guard expanded.allSatisfy({ $0 > 0 }) else { return nil }
                scale = expanded.map { Outward.up(1 / $0) }
            } else {
                guard expanded.allSatisfy({ $0 >= 0 }) else { return nil }
                scale = expanded
            }
        }
        return SLLResidual(input: x, a: inner.values, n: n, m: m, scale: scale)
    }


    /// The matrix `M` (rows × cols, row-major) a `Gemm`/`MatMul` node applies to its data input as `d·M`, and
    /// that input; `nil` unless the weight is a constant 2-D operand B, alpha is 1 and A is not transposed.
    private static func matrix(_ node: Node, _ index: GraphIndex) -> (matrix: (values: [Double], rows: Int, cols: Int), input: String?)? {
        guard node.opType == "Gemm" || node.opType == "MatMul", let d = node.input(0), let w = node.input(1),
            let tensor = index.constants.tensor(w), tensor.dims.count == 2, let values = try? tensor.doubles()
        else { return nil }
        if node.opType == "Gemm" {
            guard (node.attribute("alpha")?.float ?? 1) == 1, (node.attribute("transA")?.int ?? 0) == 0 else { return nil }
            // A bias C must be a constant (it does not change the Jacobian).
            if let c = node.input(2), index.constants.tensor(c) == nil { return nil }
        }
        let (r, c) = (tensor.dims[0], tensor.dims[1])
        if node.opType == "Gemm", (node.attribute("transB")?.int ?? 0) != 0 {
            var t = [Double](repeating: 0, count: r * c)
            for i in 0..<r { for j in 0..<c { t[j * r + i] = values[i * c + j] } }
            return ((t, c, r), d)
        }
        return ((values, r, c), d)
    }
}
