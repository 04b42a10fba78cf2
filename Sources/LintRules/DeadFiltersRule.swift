import Analysis
import LintCore
import ONNXModel

/// LIP008 `dead-filters`: an output channel whose kernel norm is at most `epsilon` times the layer's largest
/// channel norm.
public struct DeadFiltersRule: Rule {
    struct Options {
        var epsilon: Double
        init(_ values: OptionValues) { epsilon = values.number("epsilon", default: 1e-8) }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP008", name: "dead-filters"),
        defaultSeverity: .warning,
        summary: "An output channel's kernel norm is ≤ `epsilon` × the layer's largest channel norm.",
        rationale: """
            A filter whose weights are all (nearly) zero produces a constant channel: it costs compute and \
            memory and carries no information. Dead filters come from pruning that was not finished (masks \
            applied but channels not removed), from strong L1 regularisation, or from dying ReLUs upstream. \
            Prune them, or check the export if you did not expect them.
            """,
        example: """
            rules:
              dead-filters: {epsilon: 1e-6}

            model.onnx: node 'conv4' (Conv): warning: 3 of 64 output channels have (near-)zero kernels: 5, 17, 40 [LIP008 dead-filters]
            """,
        options: [
            OptionSpec(name: "epsilon", type: .number(minimum: 0), defaultValue: .number(1e-8),
                       summary: "relative norm at or below which a channel counts as dead"),
        ])

    /// No figure: reads the weight statistics only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard let norms = layer.weightStatistics?.outputChannelNorms, !norms.isEmpty else { return nil }
            let options = Options(input.options(for: layer.qualifiedName))
            let largest = norms.max() ?? 0
            let dead = norms.indices.filter { norms[$0] <= options.epsilon * largest }
            guard !dead.isEmpty else { return nil }
            let shown = dead.prefix(10).map(String.init).joined(separator: ", ") + (dead.count > 10 ? ", ..." : "")
            let what = largest == 0 ? "all \(norms.count) output channels are zero" :
                "\(dead.count) of \(norms.count) output channels \(dead.count == 1 ? "has a" : "have") (near-)zero "
                + "kernel\(dead.count == 1 ? "" : "s"): \(shown)"
            return Violation(
                location: layer.location, message: what, value: Double(dead.count), threshold: options.epsilon)
        }
    }
}
