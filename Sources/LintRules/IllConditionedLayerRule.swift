import Analysis
import LintCore
import ONNXModel

/// LIP005 `ill-conditioned-layer`: a stride-1 conv or a dense layer whose smallest singular value is below
/// `min-sigma`, or whose condition number σmax/σmin exceeds `max-condition`.
public struct IllConditionedLayerRule: Rule {
    struct Options {
        var minSigma: Double
        var maxCondition: Double
        init(_ values: OptionValues) {
            minSigma = values.number("min-sigma", default: 1e-6)
            maxCondition = values.number("max-condition", default: 1e6)
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP005", name: "ill-conditioned-layer"),
        defaultSeverity: .warning,
        summary: "A stride-1 conv or dense layer has σmin < `min-sigma` or σmax/σmin > `max-condition`.",
        rationale: """
            A (near-)zero singular value means the layer discards a direction of its input: information that \
            later layers can never recover, and an inverse (for invertible or 1-Lipschitz architectures) that \
            does not exist. A huge condition number makes the layer numerically fragile, especially after \
            quantization. Dense layers use the exact singular values (LAPACK); stride-1 convs use the \
            circulant spectrum at the input size (an estimate of the zero-padded layer's), so they need \
            `--bounds standard` and a known input size. Strided convs are skipped: their smallest singular \
            value is not meaningful this way.
            """,
        example: """
            rules:
              ill-conditioned-layer: {min-sigma: 1e-4, max-condition: 1e4}

            model.onnx: node 'fc2' (Gemm): warning: smallest singular value 3.2e-09 is below 1e-06 [LIP005 ill-conditioned-layer]
            """,
        options: [
            OptionSpec(name: "min-sigma", type: .number(minimum: 0), defaultValue: .number(1e-6),
                       summary: "smallest allowed singular value"),
            OptionSpec(name: "max-condition", type: .number(minimum: 1), defaultValue: .number(1e6),
                       summary: "largest allowed σmax/σmin"),
        ])

    /// The circulant spectrum (convs) and the dense layers' SVD (computed with the size-independent figures).
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .sizeIndependent(plus: [.circulant]) }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard let (low, high, source) = Self.range(layer) else { return nil }
            let options = Options(input.options(for: layer.qualifiedName))
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
