import Analysis
import LintCore
import ONNXModel

/// LIP001 `layer-spectral-norm`: a conv or dense layer whose spectral norm (its Lipschitz constant in ℓ2)
/// exceeds `max`.
public struct LayerSpectralNormRule: Rule {
    /// Typed options.
    struct Options {
        /// Largest allowed norm.
        var max: Double
        /// Which figure: `asymptotic` (certified, every input size), `embedding` (certified at the input size;
        /// falls back to `asymptotic` when the size is unknown) or `exact` (Lanczos at the input size, an estimate).
        var bound: String

        init(_ values: OptionValues) {
            max = values.number("max", default: 100)
            bound = values.string("bound", default: "asymptotic")
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP001", name: "layer-spectral-norm"),
        defaultSeverity: .warning,
        summary: "A conv or dense layer's spectral norm exceeds `max`.",
        rationale: """
            A layer's spectral norm is its Lipschitz constant: how much it can amplify a perturbation of its \
            input. One layer with a large norm dominates the network's bound and usually signals weights that \
            grew during training (missing weight decay, a mis-scaled initialisation, an exporter that folded a \
            normalisation badly). The default figure, `asymptotic`, is certified for every input size; `embedding` \
            is certified for the model's input size and usually tighter; `exact` is the Lanczos value at that \
            size, exact to its tolerance but reported as an estimate because it is not a certificate.
            """,
        example: """
            rules:
              layer-spectral-norm: {severity: error, max: 1.05, bound: asymptotic}

            model.onnx: node 'Conv.12' (Conv): warning: certified spectral norm 142.3 exceeds 100 [LIP001 layer-spectral-norm]
            """,
        options: [
            OptionSpec(name: "max", type: .number(minimum: 0), defaultValue: .number(100),
                       summary: "largest allowed spectral norm"),
            OptionSpec(name: "bound", type: .choice(["asymptotic", "embedding", "exact"]),
                       defaultValue: .string("asymptotic"), summary: "which figure to compare"),
        ])

    /// The size-independent figures; `bound: embedding` or `exact` adds that figure at the input size.
    public func figuresRead(with options: OptionValues) -> FigureNeeds {
        switch Options(options).bound {
        case "embedding": .sizeIndependent(plus: [.embedding])
        case "exact": .sizeIndependent(plus: [.exact])
        default: .sizeIndependentOnly
        }
    }

    /// Fast-effort convs whose `asymptotic` enclosure, where the rule reads it, leaves `upper > max` open.
    public func refinement(_ input: RuleInput) -> RefinementRequest? {
        let layers = input.analysis.layers.indices.filter { i in
            let layer = input.analysis.layers[i]
            guard layer.isRefinable, input.isEnabled(for: layer.qualifiedName) else { return false }
            let options = Options(input.options(for: layer.qualifiedName))
            guard NormReading.readsAsymptotic(layer, bound: options.bound),
                  let asymptotic = layer.figures.asymptotic.value
            else { return false }
            return asymptotic.leavesOpen(options.max)
        }
        return layers.isEmpty ? nil : RefinementRequest(layers: layers, reason: "the certified interval contains max")
    }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            let options = Options(input.options(for: layer.qualifiedName))
            guard let norm = NormReading.read(layer, bound: options.bound), norm.value > options.max else { return nil }
            let shown = DecimalText.compared(norm.value, Rounding(norm.kind), with: options.max)
            return Violation(
                location: layer.location,
                message: "\(norm.label) \(shown.value) exceeds \(shown.threshold)",
                value: norm.value, threshold: options.max)
        }
    }
}
