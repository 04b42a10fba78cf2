import Analysis
import LintCore
import ONNXModel

/// LIP006 `orthogonality-deviation`: a layer that should be orthogonal (matched by `nodes`) has a singular
/// value outside `[1 − tol, 1 + tol]`.
public struct OrthogonalityDeviationRule: Rule {
    struct Options {
        /// Node-name globs of the layers that must be orthogonal; empty: the rule does nothing.
        var nodes: [String]
        var tol: Double
        init(_ values: OptionValues) {
            nodes = values.strings("nodes")
            tol = values.number("tol", default: 0.01)
        }
    }

    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP006", name: "orthogonality-deviation"),
        defaultSeverity: .error,
        summary: "A layer matched by `nodes` has a singular value outside [1 − tol, 1 + tol].",
        rationale: """
            Orthogonal layers (Cayley, SOC, BCOP, orthogonal dense layers) are what make a network 1-Lipschitz \
            and gradient-norm preserving. Training and export can break orthogonality silently: a \
            re-parametrisation that was not applied before export, fp16 rounding, a fused normalisation. The \
            top of the spectrum is read from `exact`, `embedding` or `asymptotic` (in that order), the bottom \
            from the circulant spectrum (convs) or the exact SVD (dense layers). The rule is inactive until \
            `nodes` names the layers that must be orthogonal.
            """,
        example: """
            rules:
              orthogonality-deviation: {nodes: ["block*.conv", "head"], tol: 0.01}

            model.onnx: node 'block2.conv' (Conv): error: singular values span [0.91, 1.003], outside [0.99, 1.01] [LIP006 orthogonality-deviation]
            """,
        options: [
            OptionSpec(name: "nodes", type: .strings, defaultValue: .strings([]),
                       summary: "node-name globs of the layers that must be orthogonal ([] = rule inactive)"),
            OptionSpec(name: "tol", type: .number(minimum: 0), defaultValue: .number(0.01),
                       summary: "allowed deviation of every singular value from 1"),
        ])

    /// Nothing while `nodes` is empty; otherwise the top of the spectrum from `exact` (else `embedding`, else
    /// `asymptotic`) and the bottom from the circulant spectrum.
    public func figuresRead(with options: OptionValues) -> FigureNeeds {
        Options(options).nodes.isEmpty ? .nothing : .sizeIndependent(plus: [.exact, .embedding, .circulant])
    }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            let options = Options(input.options(for: layer.qualifiedName))
            guard options.nodes.contains(where: { Glob(node: $0).matches(layer.qualifiedName) }) else { return nil }
            let (low, high) = Self.range(layer)
            guard low != nil || high != nil else { return nil }
            let lo = 1 - options.tol, hi = 1 + options.tol
            let tooHigh = high.map { $0 > hi } ?? false
            let tooLow = low.map { $0 < lo } ?? false
            guard tooHigh || tooLow else { return nil }
            // Each end is printed with enough digits to show it on the side of its limit that it is on.
            let lowText = low.map { DecimalText.compared($0, .nearest, with: lo).value } ?? "?"
            let highText = high.map { DecimalText.compared($0, .nearest, with: hi).value } ?? "?"
            let limits = "[\(DecimalText.shortest(lo)), \(DecimalText.shortest(hi))]"
            return Violation(
                location: layer.location,
                message: "singular values span [\(lowText), \(highText)], outside \(limits)",
                value: tooHigh ? high : low, threshold: tooHigh ? hi : lo)
        }
    }

    /// `(σmin, σmax)` as far as the analysis knows them.
    static func range(_ layer: LayerAnalysis) -> (Double?, Double?) {
        let f = layer.figures
        if layer.dense != nil {
            if let r = layer.weightStatistics?.denseSingularValueRange { return (r.lowerBound, r.upperBound) }
            return (nil, f.denseNorm.value?.upper)
        }
        // The first known of: the norm at the input size, its certified bound there, the bound for every size.
        let high = f.exact.value?.value ?? f.embedding.value?.upper ?? f.asymptotic.value?.upper
        let low = f.circulant.value?.min
        return (low, high)
    }
}
