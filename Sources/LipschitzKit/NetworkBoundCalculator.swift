import ONNXModel

/// Computes the whole-network Lipschitz bound of a model's main graph (docs/spectral-methods §6).
///
/// Over the graph in topological order, every value `t` gets an upper bound `L(t)` on its Lipschitz constant
/// (ℓ2 norms, per sample) with respect to the selected inputs, and an element-wise range `|t| ≤ M(t)` for
/// the rules that need one. Linear layers contribute the certified figures of `bounds`; every other operator
/// has a rule whose constant is a proved upper bound (rounded up), or makes the value unknown with a reason.
/// The result is a certified upper bound, never an estimate, except `naiveProduct`, which is labelled as not
/// a bound.
public struct NetworkBoundCalculator: Sendable {
    public let model: Model
    public let layers: ModelLayers
    public let bounds: any LinearLayerBounds
    public let options: NetworkBoundOptions
    /// The selected inputs, resolved from `options.wrt`.
    public let wrt: [String]
    /// Ranges of initializers the caller already computed (`ConstantRanges`); the pass reads the others itself.
    public var knownRanges = ConstantRanges()

    /// - Parameters:
    ///   - model: the loaded model.
    ///   - layers: `ModelLayers.extract(from: model, inputShapes:)` with the same input shapes the bounds were
    ///     computed for (its `shapes` give broadcast factors and pooled sizes).
    ///   - bounds: certified per-layer upper bounds (the figure named by `options.boundUsed`).
    ///   - options: inputs to differentiate with respect to, declared input ranges, and labels.
    /// - Throws: `NetworkBoundError` when `wrt` or `inputRanges` name something that is not a run-time input,
    ///   or a range is not finite.
    public init(
        model: Model, layers: ModelLayers, bounds: any LinearLayerBounds, options: NetworkBoundOptions = .init()
    ) throws(NetworkBoundError) {
        let runtime = model.graph.runtimeInputs
        let names = runtime.map(\.name)
        if let requested = options.wrt {
            for name in requested where !names.contains(name) {
                throw .unknownWrtInput(name: name, available: names)
            }
            wrt = names.filter { requested.contains($0) }
        } else {
            wrt = runtime.filter { $0.elementType?.isFloatingPoint ?? true }.map(\.name)
        }
        for name in options.inputRanges.keys.sorted() {
            guard names.contains(name) else { throw .unknownRangeInput(name: name, available: names) }
            let range = options.inputRanges[name]!
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw .invalidRange(name: name, lower: range.lowerBound, upper: range.upperBound)
            }
        }
        self.model = model
        self.layers = layers
        self.bounds = bounds
        self.options = options
    }

    /// Runs the pass. Never throws: whatever cannot be bounded is reported as `unknown` with its blocking ops.
    public func compute() -> NetworkBound {
        let pass = NetworkPass(calculator: self)
        pass.run()
        return pass.result()
    }
}
