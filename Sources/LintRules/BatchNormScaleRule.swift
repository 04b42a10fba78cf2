import Analysis
import LintCore
import ONNXModel

/// LIP009 `batchnorm-scale`: a BatchNormalization whose largest channel scale `|γ/√(var+ε)|` exceeds `max`.
public struct BatchNormScaleRule: Rule {
    struct Options {
        var max: Double
        init(_ values: OptionValues) { max = values.number("max", default: 100) }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP009", name: "batchnorm-scale"),
        defaultSeverity: .warning,
        summary: "A BatchNormalization's largest scale |γ/√(var+ε)| exceeds `max`.",
        rationale: """
            At inference a BatchNormalization multiplies each channel by γ/√(var+ε): its Lipschitz constant is \
            the largest of these. A channel with a tiny running variance (a channel that was almost constant on \
            the training data) gets an enormous scale, which amplifies any perturbation of that channel, \
            breaks Lipschitz certificates, and overflows in fp16. Fold the normalisation into the conv before \
            measuring, or clamp the variance.
            """,
        example: """
            rules:
              batchnorm-scale: {max: 10}

            model.onnx: node 'bn3' (BatchNormalization): warning: channel 7 scale |γ/√(var+ε)| 316.2 exceeds 100 [LIP009 batchnorm-scale]
            """,
        options: [
            OptionSpec(name: "max", type: .number(minimum: 0), defaultValue: .number(100),
                       summary: "largest allowed |γ/√(var+ε)|"),
        ])

    /// No figure: reads the BatchNormalization statistics only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.batchNorms.compactMap { bn -> Violation? in
            let location = FindingLocation.node(bn.name, graph: bn.graph, index: bn.nodeIndex, op: "BatchNormalization")
            let options = Options(input.options(for: location.name))
            guard let scale = bn.maxScale, scale > options.max else { return nil }
            let shown = DecimalText.compared(scale, .nearest, with: options.max)
            return Violation(
                location: location,
                message: "channel \(bn.channel ?? 0) scale |γ/√(var+ε)| \(shown.value) exceeds \(shown.threshold)",
                value: scale, threshold: options.max)
        }
    }
}
