import Analysis
import LintCore
import ONNXModel

/// LIP005 `ill-conditioned-layer`: a stride-1 conv or a dense layer whose smallest singular value is below
/// `min-sigma`, or whose condition number σmax/σmin exceeds `max-condition`.
public struct IllConditionedLayerRule: Rule {
    struct Options {
        var minSigma: Double
        var maxCondition: Double
        /// Whether stride-1 convs are checked too (from the circulant spectrum at the input size).
        var convs: Bool
        init(_ values: OptionValues) {
            minSigma = values.number("min-sigma", default: 1e-6)
            maxCondition = values.number("max-condition", default: 1e6)
            convs = values.bool("convs", default: false)
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP005", name: "ill-conditioned-layer"),
        defaultSeverity: .warning,
        summary: "A dense layer (or, with `convs: true`, a stride-1 conv) has σmin < `min-sigma` or σmax/σmin > `max-condition`.",
        rationale: """
            A (near-)zero singular value means the layer discards a direction of its input: information that \
            later layers can never recover, and an inverse (for invertible or 1-Lipschitz architectures) that \
            does not exist. A huge condition number makes the layer numerically fragile, especially after \
            quantization. Dense layers use the exact singular values (LAPACK). With `convs: true` (as in the \
            `strict` preset), stride-1 convs are checked too, from the circulant spectrum at the input size (an \
            estimate of the zero-padded layer's): that needs a known input size and costs one eigenvalue \
            problem of the channel count per frequency, hundreds of inference passes on a large model, which \
            is why the default leaves it off. Strided convs are skipped: their smallest singular value is not \
            meaningful this way.
            """,
        example: """
            rules:
              ill-conditioned-layer: {min-sigma: 1e-4, max-condition: 1e4, convs: true}

            model.onnx: node 'fc2' (Gemm): warning: smallest singular value 3.2e-09 is below 1e-06 [LIP005 ill-conditioned-layer]
            """,
        options: [
            OptionSpec(name: "min-sigma", type: .number(minimum: 0), defaultValue: .number(1e-6),
                       summary: "smallest allowed singular value"),
            OptionSpec(name: "max-condition", type: .number(minimum: 1), defaultValue: .number(1e6),
                       summary: "largest allowed σmax/σmin"),
            OptionSpec(name: "convs", type: .bool, defaultValue: .bool(false),
                       summary: "check stride-1 convs too, from the circulant spectrum at the input size"),
        ])

    /// The dense layers' SVD (computed with the size-independent figures), and with `convs: true` the circulant
    /// spectrum.
    public func figuresRead(with options: OptionValues) -> FigureNeeds {
        Options(options).convs ? .sizeIndependent(plus: [.circulant]) : .sizeIndependentOnly
    }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            let options = Options(input.options(for: layer.qualifiedName))
            guard layer.dense != nil || options.convs, let (low, high, source) = Self.range(layer) else { return nil }
            if low < options.minSigma {
                let shown = DecimalText.compared(low, .nearest, with: options.minSigma)
                return Violation(
                    location: layer.location,
                    message: "smallest singular value \(shown.value)\(source) is below \(shown.threshold)",
                    value: low, threshold: options.minSigma)
            }
            let condition = high / low
            guard condition > options.maxCondition else { return nil }
            let shown = DecimalText.compared(condition, .nearest, with: options.maxCondition)
            return Violation(
                location: layer.location,
                message: "condition number \(shown.value)\(source) exceeds \(shown.threshold)",
                value: condition, threshold: options.maxCondition)
        }
    }

    /// `(σmin, σmax, note)` of the layer, when known.
    static func range(_ layer: LayerAnalysis) -> (Double, Double, String)? {
        if layer.dense != nil {
            guard let r = layer.weightStatistics?.denseSingularValueRange else { return nil }
            return (r.lowerBound, r.upperBound, "")
        }
        guard let conv = layer.conv, conv.stride.allSatisfy({ $0 == 1 }), let c = layer.figures.circulant.value
        else { return nil }
        return (c.min, c.max, " (circulant estimate)")
    }
}
