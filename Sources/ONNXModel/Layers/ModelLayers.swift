/// The analysable layers of a model, with their static geometry and sizes.
///
/// Produced by `ModelLayers.extract(from:inputShapes:)`. Every Conv-like node of every graph (subgraphs
/// included) appears exactly once, in `convs` or `unsupported`; every Gemm, and every MatMul with a constant
/// operand, in `dense` (or `unsupported` when it cannot be a dense layer). Order: graph walk order (main
/// graph nodes in file order; a subgraph's layers at the position of the node that owns it).
public struct ModelLayers: Sendable {
    public var convs: [ConvLayer]
    public var dense: [DenseLayer]
    public var unsupported: [UnsupportedLayer]
    /// The main graph's run-time inputs and the shapes used for them.
    public var inputs: [ResolvedInput]
    /// Full shapes of the main graph's values that the static pass determined, by value name.
    public var shapes: [String: [Int]]
    /// Main-graph inputs that have an initializer of the same name, in a model of IR version ≥ 4: the
    /// initializer is used as the (static) weight, but a caller could override it at run time.
    public var overridableInitializers: [String] = []

    public init(
        convs: [ConvLayer], dense: [DenseLayer], unsupported: [UnsupportedLayer], inputs: [ResolvedInput],
        shapes: [String: [Int]] = [:]
    ) {
        self.convs = convs
        self.dense = dense
        self.unsupported = unsupported
        self.inputs = inputs
        self.shapes = shapes
    }

    /// Finds the layers of `model` and resolves their geometry and sizes.
    ///
    /// - Parameters:
    ///   - inputShapes: full shapes for run-time inputs by name (the CLI's `--input-shape`). Without one, an
    ///     input's symbolic first (batch) dim is taken as 1 and any other symbolic dim leaves sizes unknown.
    ///   - limits: bounds on constant folding.
    /// - Throws: `LayerExtractionError` when `inputShapes` names an unknown input or contradicts the model.
    ///   Problems with individual nodes never throw: they become `UnsupportedLayer`s or `nil` sizes.
    public static func extract(
        from model: Model, inputShapes: [String: [Int]] = [:], limits: FoldingLimits = FoldingLimits()
    ) throws(LayerExtractionError) -> ModelLayers {
        try LayerExtractor(model: model, limits: limits).extract(inputShapes: inputShapes)
    }
}
