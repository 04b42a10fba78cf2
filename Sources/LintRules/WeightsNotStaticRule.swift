import Analysis
import LintCore
import ONNXModel

/// LIP012 `weights-not-static`: a conv or dense weight that is computed at run time, fed as a graph input, or
/// is an initializer that a caller can override (listed as a graph input, IR ≥ 4).
public struct WeightsNotStaticRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP012", name: "weights-not-static"),
        defaultSeverity: .warning,
        summary: "A conv or dense weight is computed at run time, is a graph input, or is an overridable initializer.",
        rationale: """
            A certificate holds for the weights it measured. A weight computed at run time, fed as an input, \
            or stored as an initializer that is also listed as a graph input (which lets a caller replace it, \
            IR version 4 and later) can change after the check: the layer's figures are missing or do not \
            bind the deployed model. Fold constant computations into initializers and remove weights from \
            the graph inputs (onnxsim, or onnx's `remove_initializer_from_input`).
            """,
        example: """
            model.onnx: node 'fc' (Gemm): warning: weight 'fc.weight' is an initializer that is also a graph input: a caller can replace it [LIP012 weights-not-static]
            """)

    /// No figure: reads the weight statistics only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            let weights = layer.conv?.weights ?? layer.dense?.weights
            let name = layer.conv?.weightName ?? layer.dense?.weightName ?? ""
            if case .notStatic(let reason) = weights {
                return Violation(location: layer.location, message: "weight '\(name)' is not static: \(reason)")
            }
            guard layer.weightStatistics?.overridableInput == true else { return nil }
            return Violation(
                location: layer.location,
                message: "weight '\(name)' is an initializer that is also a graph input: a caller can replace it")
        }
    }
}
