import ONNXModel

/// The coarse shape of an SLL residual, `Sub(x, outer(… σ(inner(x) …)))` with `outer` a Gemm/MatMul/
/// ConvTranspose and `inner` a Gemm/MatMul/Conv of the same `x`: used to say why such a layer keeps the §6
/// rules when `SLLResidual`/`ConvSLLResidual` did not verify it.
enum SLLShape {
    static let reason = "SLL-like residual kept the sum rule: the outer weight is not verified to be the exact "
        + "transpose/adjoint of the inner one with the same attributes, or the scale/activation does not qualify"

    /// `σ` of §7.4: monotone with slope in [0, 1] (Relu, Tanh, Sigmoid, LeakyRelu with α ∈ [0, 1]).
    static func isAdmissibleActivation(_ node: Node) -> Bool {
        switch node.opType {
        case "Relu", "Tanh", "Sigmoid": return true
        case "LeakyRelu":
            let alpha = node.attribute("alpha")?.float.map(Double.init) ?? 0.01
            return alpha >= 0 && alpha <= 1
        default: return false
        }
    }

    static func looksLike(_ sub: Node, in index: GraphIndex) -> Bool {
        guard sub.opType == "Sub", let x = sub.input(0), let outer = index.producer(sub.input(1)),
            ["Gemm", "MatMul", "ConvTranspose"].contains(outer.opType)
        else { return false }
        var current = index.producer(outer.input(0))
        for _ in 0..<4 {
            guard let node = current else { return false }
            switch node.opType {
            case "Mul", "Div", "Relu", "LeakyRelu", "Tanh", "Sigmoid", "Add":
                current = index.producer(node.input(0))
                if node.opType == "Mul", let other = index.producer(node.input(1)),
                    ["Relu", "LeakyRelu", "Tanh", "Sigmoid"].contains(other.opType)
                {
                    current = other
                }
            case "Gemm", "MatMul", "Conv":
                return node.input(0) == x
            default:
                return false
            }
        }
        return false
    }
}
