import Analysis

/// One conv or dense layer of one model as `liplint diff` compares it: its identity (qualified node name,
/// op, weight shape, position) and its certified upper bound, or why it has none.
///
/// The bound is the figure the network bound multiplies for this layer (docs/spectral-methods §6, README
/// "What the numbers mean"): `asymptotic.upper` (kind `upper`, every input size) by default; with
/// `figure == .embedding` (`--size-specific`), `embedding.upper` (kind `upper`, this input size only) for
/// convs. A dense layer's certificate does not depend on the input size, so it is `asymptotic.upper` (the
/// norm `|alpha|·‖W‖₂`, or its Gram-iteration upper bound when the norm came from Lanczos) either way —
/// the same figure the network bound uses. Never the Lanczos `exact` value of a conv, which is not a
/// certificate.
public struct DiffLayer: Sendable, Hashable {
    /// The node name, qualified by its subgraph path outside the main graph (`main/If_3.then_branch/conv`),
    /// as findings and configuration globs name it.
    public var node: String
    public var graph: String
    /// The node's index in its graph.
    public var nodeIndex: Int
    /// The ONNX operator (`Conv`, `Gemm`, ...).
    public var op: String
    /// The weight's dims as stored (`[out, in/group, kh, kw]` for a conv, `[rows, cols]` for a dense layer).
    public var weightShape: [Int]
    /// The layer's position in its model's layer list (network order).
    public var position: Int
    /// The certified upper bound on the layer's spectral norm (dimensionless, ℓ2), or `nil` when unknown.
    public var bound: Double?
    /// Why `bound` is unknown (one line); `nil` when it is known.
    public var unknownReason: String?

    public init(
        node: String, graph: String = "main", nodeIndex: Int, op: String, weightShape: [Int], position: Int,
        bound: Double?, unknownReason: String? = nil
    ) {
        self.node = node
        self.graph = graph
        self.nodeIndex = nodeIndex
        self.op = op
        self.weightShape = weightShape
        self.position = position
        self.bound = bound
        self.unknownReason = bound == nil ? (unknownReason ?? "no certified bound") : nil
    }

    /// The layer at `position` of an analysis, with the certificate `figure` selects.
    public init(_ layer: LayerAnalysis, position: Int, figure: NetworkBoundFigure) {
        let location = FindingLocation.node(layer.name, graph: layer.graph, index: layer.nodeIndex, op: layer.op)
        let shape: [Int]
        let chosen: (key: String, upper: FigureValue<Double>)
        switch layer.layer {
        case .conv(let conv):
            shape = conv.weightShape
            chosen = figure == .embedding
                ? ("embedding", layer.figures.embedding.map(\.upper)) : ("asymptotic", layer.figures.asymptotic.map(\.upper))
        case .dense(let dense):
            shape = dense.weightShape
            chosen = ("asymptotic", layer.figures.asymptotic.map(\.upper))
        }
        var bound: Double?
        var reason: String?
        switch chosen.upper {
        case .notRequested: reason = "\(chosen.key) figure not computed (see --bounds)"
        case .unavailable(let why): reason = why
        case .computed(let upper) where upper.isFinite: bound = upper
        case .computed: reason = "no \(chosen.key) upper bound"
        }
        self.init(
            node: location.name ?? layer.name, graph: layer.graph, nodeIndex: layer.nodeIndex, op: layer.op,
            weightShape: shape, position: position, bound: bound, unknownReason: reason)
    }

    /// Where findings about this layer point.
    public var location: FindingLocation {
        FindingLocation(subject: .node, name: node, nodeIndex: nodeIndex, op: op)
    }
}
