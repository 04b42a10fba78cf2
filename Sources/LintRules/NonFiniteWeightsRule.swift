import Analysis
import LintCore
import ONNXModel

/// LIP007 `non-finite-weights`: a conv or dense weight holds NaN or ±Inf.
public struct NonFiniteWeightsRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP007", name: "non-finite-weights"),
        defaultSeverity: .error,
        summary: "A conv or dense weight contains NaN or ±Inf.",
        rationale: """
            A NaN or infinite weight makes every output that depends on it NaN or infinite: the model is \
            broken, usually by a diverged training run or an overflowing fp16 export. No spectral figure of \
            such a layer means anything.
            """,
        example: """
            model.onnx: node 'conv1' (Conv): error: weight 'conv1.weight' has 3 non-finite values (NaN or ±Inf) of 864 [LIP007 non-finite-weights]
            """)

    /// No figure: reads the weight statistics only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard let stats = layer.weightStatistics, stats.nonFiniteCount > 0 else { return nil }
            let weight = layer.conv?.weightName ?? layer.dense?.weightName ?? ""
            let count = stats.nonFiniteCount
            return Violation(
                location: layer.location,
                message: "weight '\(weight)' has \(count) non-finite value\(count == 1 ? "" : "s") (NaN or ±Inf) "
                    + "of \(stats.elementCount)",
                value: Double(count), threshold: 0)
        }
    }
}
