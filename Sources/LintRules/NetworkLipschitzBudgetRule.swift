import Analysis
import LintCore
import LipschitzKit
import ONNXModel

/// LIP002 `network-lipschitz-budget`: a graph output whose certified network Lipschitz bound exceeds
/// `budget`, or (with `require-known`) whose bound is unknown.
public struct NetworkLipschitzBudgetRule: Rule {
    struct Options {
        /// The largest allowed bound; `nil`: no budget (the rule then only checks `require-known`).
        var budget: Double?
        /// Whether an unknown bound is a finding.
        var requireKnown: Bool

        init(_ values: OptionValues) {
            budget = values.optionalNumber("budget")
            requireKnown = values.bool("require-known", default: false)
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP002", name: "network-lipschitz-budget"),
        defaultSeverity: .error,
        summary: "An output's certified network Lipschitz bound exceeds `budget`, or is unknown and `require-known` is set.",
        rationale: """
            The network bound composes the per-layer certificates over the graph (residual sums, \
            concatenations, activations, pooling, folded BatchNormalization): a certified upper bound on how \
            much each output can change per unit change of the inputs, in ℓ2. It is what a robustness \
            certificate or a stability argument needs, and what silently grows when someone retrains or \
            re-exports a model. A budget turns it into a gate. With `require-known`, an operator that blocks \
            the certificate (see `lipschitz-unknown-op`) is a failure too, so the budget cannot be bypassed by \
            an unsupported op. The rule is inactive until `budget` or `require-known` is set.
            """,
        example: """
            rules:
              network-lipschitz-budget: {severity: error, budget: 20, require-known: true}

            model.onnx: output 'logits': error: network Lipschitz bound 34.7 exceeds the budget 20 (critical path: conv1 ×3.1, conv2 ×2.8, fc ×4) [LIP002 network-lipschitz-budget]
            """,
        options: [
            OptionSpec(name: "budget", type: .optionalNumber(minimum: 0), defaultValue: .none,
                       summary: "largest allowed network bound per output (null: no budget)"),
            OptionSpec(name: "require-known", type: .bool, defaultValue: .bool(false),
                       summary: "whether an unknown bound is a finding"),
        ])

    /// The network bound (from the size-independent figures).
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .sizeIndependentOnly }

    /// When an output's bound exceeds its budget while fast-effort convs went into it: the fast convs on its
    /// critical path, or every fast conv once the path has none left, so that a bound still over the budget
    /// is the one a standard-effort analysis computes. (A bound within the budget stays within it: a standard
    /// enclosure is taken to be no looser than the fast one.) Nothing with a size-specific network bound,
    /// which multiplies no size-independent figure.
    public func refinement(_ input: RuleInput) -> RefinementRequest? {
        guard let network = input.analysis.network, !network.sizeSpecific else { return nil }
        let layers = input.analysis.layers
        let fast = layers.indices.filter { layers[$0].isRefinable }
        guard !fast.isEmpty else { return nil }
        var onPath = Set<Int>()
        var over = false
        for output in network.outputs where input.isEnabled(for: output.name) {
            guard let budget = Options(input.options(for: output.name)).budget, let upper = output.upper,
                  upper > budget
            else { continue }
            over = true
            let nodes = Set(output.criticalPath.map(\.node))
            onPath.formUnion(fast.filter { layers[$0].graph == "main" && nodes.contains(layers[$0].name) })
        }
        guard over else { return nil }
        if !onPath.isEmpty {
            return RefinementRequest(layers: onPath.sorted(), reason: "on the critical path of a bound over the budget")
        }
        return RefinementRequest(layers: fast, reason: "a bound over the budget after its critical path was refined")
    }

    public func check(_ input: RuleInput) -> [Violation] {
        guard let network = input.analysis.network else { return [] }
        return network.outputs.compactMap { output -> Violation? in
            let options = Options(input.options(for: output.name))
            if let upper = output.upper {
                guard let budget = options.budget, upper > budget else { return nil }
                let shown = DecimalText.compared(upper, .up, with: budget)
                return Violation(
                    location: .output(output.name),
                    message: "network Lipschitz bound \(shown.value) exceeds the budget "
                        + "\(shown.threshold)\(Self.path(output.criticalPath))",
                    value: upper, threshold: budget)
            }
            guard options.requireKnown else { return nil }
            let blocking = output.blockingOps.prefix(3).map { "'\($0.node)' (\($0.op))" }.joined(separator: ", ")
                + (output.blockingOps.count > 3 ? ", ..." : "")
            return Violation(
                location: .output(output.name),
                message: "network Lipschitz bound is unknown" + (blocking.isEmpty ? "" : ": blocked by \(blocking)"),
                value: nil, threshold: options.budget)
        }
    }

    /// ` (critical path: a ×2, b ×3)`, the largest factors first when the path is long.
    static func path(_ steps: [PathStep]) -> String {
        let significant = steps.filter { $0.factor != 1 }
        guard !significant.isEmpty else { return "" }
        let shown = significant.count <= 6 ? significant : Array(significant.sorted { $0.factor > $1.factor }.prefix(6))
        let text = shown.map { "\($0.node) ×\(DecimalText.upper($0.factor))" }.joined(separator: ", ")
        return " (critical path: \(text)\(significant.count > 6 ? ", ..." : ""))"
    }
}
