import Analysis
import LintCore
import ONNXModel

/// LIP004 `circulant-underestimates`: the circulant (wrap-around) norm of a conv layer is below its exact
/// zero-padded norm by more than `tolerance` (relative).
public struct CirculantUnderestimatesRule: Rule {
    struct Options {
        /// Relative gap `1 − circulant/exact` tolerated.
        var tolerance: Double
        init(_ values: OptionValues) { tolerance = values.number("tolerance", default: 0.01) }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP004", name: "circulant-underestimates"),
        defaultSeverity: .note,
        summary: "The circulant norm of a conv layer underestimates its exact zero-padded norm by more than `tolerance`.",
        rationale: """
            Many tools compute a conv layer's norm with wrap-around (circulant) padding, the Sedghi et al. \
            method, because it is fast. For the zero-padded layer the model actually runs, that number is not \
            an upper bound: it can be several percent too low on small feature maps. When the gap exceeds the \
            tolerance, any guarantee derived from the circulant figure (by this tool or another) is wrong for \
            this layer; use the `embedding` or `asymptotic` figure instead. Needs `--bounds standard` and a known \
            input size.
            """,
        example: """
            rules:
              circulant-underestimates: {tolerance: 0.05}

            model.onnx: node 'conv3' (Conv): note: circulant norm 1.82 underestimates the exact norm 1.99 by 8.5% [LIP004 circulant-underestimates]
            """,
        options: [
            OptionSpec(name: "tolerance", type: .number(minimum: 0), defaultValue: .number(0.01),
                       summary: "relative underestimate tolerated"),
        ])

    /// The circulant spectrum and the Lanczos `exact` norm at the input size.
    public func figuresRead(with options: OptionValues) -> FigureNeeds {
        FigureNeeds(sizeIndependent: false, sizeDependent: [.circulant, .exact])
    }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard layer.conv != nil, let circ = layer.figures.circulant.value?.max,
                  let exact = layer.figures.exact.value?.value, exact > 0
            else { return nil }
            let options = Options(input.options(for: layer.qualifiedName))
            let gap = 1 - circ / exact
            guard gap > options.tolerance else { return nil }
            return Violation(
                location: layer.location,
                message: "circulant norm \(DecimalText.nearest(circ)) underestimates the exact norm "
                    + "\(DecimalText.nearest(exact)) by \(DecimalText.compared(gap * 100, .nearest, with: options.tolerance * 100).value)%",
                value: gap, threshold: options.tolerance)
        }
    }
}
