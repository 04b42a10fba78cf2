/// A dense layer: `Gemm`, or `MatMul` with a constant 2-D weight.
///
/// The layer's Lipschitz constant with respect to its variable input is `|alpha| · ‖W‖₂`; transposition does
/// not change the 2-norm, so `transA`/`transB` only matter for shapes.
public struct DenseLayer: Sendable {
    public enum Operator: String, Sendable, Codable {
        case gemm = "Gemm"
        case matMul = "MatMul"
    }

    /// The node's name, or a generated stable name when empty.
    public var name: String
    public var nodeIndex: Int
    public var graph: String
    public var op: Operator
    /// The name of the constant weight value.
    public var weightName: String
    public var weights: ConvLayer.Weights
    /// The weight's dims as stored (2 entries).
    public var weightShape: [Int]
    /// `Gemm.alpha` (1 for MatMul).
    public var alpha: Double
    public var transA: Bool
    public var transB: Bool
    /// Which input (0 or 1) is the constant weight; the other is the variable input.
    public var weightInputIndex: Int
    /// Full shape of the variable input, when the static shape pass knows it.
    public var inputShape: [Int]? = nil
    /// Full shape of the output, when known.
    public var outputShape: [Int]? = nil

    public init(
        name: String, nodeIndex: Int, graph: String, op: Operator, weightName: String,
        weights: ConvLayer.Weights, weightShape: [Int], alpha: Double, transA: Bool, transB: Bool,
        weightInputIndex: Int
    ) {
        self.name = name
        self.nodeIndex = nodeIndex
        self.graph = graph
        self.op = op
        self.weightName = weightName
        self.weights = weights
        self.weightShape = weightShape
        self.alpha = alpha
        self.transA = transA
        self.transB = transB
        self.weightInputIndex = weightInputIndex
    }

    public var weightsStatic: Bool {
        if case .constant = weights { return true }
        return false
    }
}
