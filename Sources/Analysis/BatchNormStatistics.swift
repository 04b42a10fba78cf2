import ONNXModel

/// The per-channel scale `γ/√(var + ε)` of one inference-mode `BatchNormalization` node, whose largest
/// magnitude is that node's Lipschitz constant (docs/spectral-methods §6). Read by `batchnorm-scale`.
public struct BatchNormStatistics: Sendable, Hashable {
    /// The node name, or `BatchNormalization_<index>` when the file leaves it empty.
    public var name: String
    public var nodeIndex: Int
    /// `"main"` or the subgraph path.
    public var graph: String
    /// `max_c |γ_c/√(var_c + ε)|`; `nil` when scale or variance is not a constant (`reason` says which).
    public var maxScale: Double?
    /// The channel attaining `maxScale`.
    public var channel: Int?
    public var epsilon: Double
    /// Why `maxScale` is missing.
    public var reason: String?

    public init(
        name: String, nodeIndex: Int, graph: String, maxScale: Double?, channel: Int?, epsilon: Double,
        reason: String?
    ) {
        self.name = name
        self.nodeIndex = nodeIndex
        self.graph = graph
        self.maxScale = maxScale
        self.channel = channel
        self.epsilon = epsilon
        self.reason = reason
    }

    /// Every BatchNormalization node of `graphs`, in graph then node order.
    static func compute(graphs: [Graph]) -> [BatchNormStatistics] {
        graphs.flatMap { graph in
            let constants = ConstantLookup(graph: graph)
            return graph.nodes.filter { $0.opType == "BatchNormalization" && $0.isDefaultDomain }.map { node in
                statistics(node, graph: graph.path, constants: constants)
            }
        }
    }

    static func statistics(_ node: Node, graph: String, constants: ConstantLookup) -> BatchNormStatistics {
        let name = node.name.isEmpty ? "BatchNormalization_\(node.index)" : node.name
        let epsilon = Double(node.attribute("epsilon")?.float ?? 1e-5)
        func missing(_ reason: String) -> BatchNormStatistics {
            BatchNormStatistics(
                name: name, nodeIndex: node.index, graph: graph, maxScale: nil, channel: nil, epsilon: epsilon,
                reason: reason)
        }
        guard let scaleName = node.input(1), let varName = node.input(4) else { return missing("inputs missing") }
        guard let gamma = constants.values(scaleName) else { return missing("scale '\(scaleName)' is not a constant") }
        guard let variance = constants.values(varName) else { return missing("variance '\(varName)' is not a constant") }
        guard gamma.count == variance.count, !gamma.isEmpty else {
            return missing("scale has \(gamma.count) values, variance \(variance.count)")
        }
        var best = -1.0, bestChannel = 0
        for c in gamma.indices {
            let denominator = (variance[c] + epsilon).squareRoot()
            let s = denominator > 0 ? abs(gamma[c]) / denominator : (gamma[c] == 0 ? 0 : .infinity)
            let value = s.isNaN ? Double.infinity : s
            if value > best { (best, bestChannel) = (value, c) }
        }
        return BatchNormStatistics(
            name: name, nodeIndex: node.index, graph: graph, maxScale: best, channel: bestChannel, epsilon: epsilon,
            reason: nil)
    }
}

/// Constant values of a graph by name: initializers and `Constant` nodes' `value` tensors.
struct ConstantLookup {
    var tensors: [String: Tensor] = [:]

    init(graph: Graph) {
        for t in graph.initializers { tensors[t.name] = t }
        for node in graph.nodes where node.opType == "Constant" {
            if let output = node.outputs.first, let t = node.attribute("value")?.tensor { tensors[output] = t }
        }
    }

    func values(_ name: String) -> [Double]? { tensors[name].flatMap { try? $0.doubles() } }
}
