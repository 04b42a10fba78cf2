import Analysis
import LintCore
import ONNXModel

/// LIP011 `asymmetric-padding`: a conv whose begin and end padding differ on an axis.
public struct AsymmetricPaddingRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP011", name: "asymmetric-padding"),
        defaultSeverity: .note,
        summary: "A conv pads the beginning and the end of an axis differently.",
        rationale: """
            Asymmetric padding (from `auto_pad: SAME_UPPER/SAME_LOWER` with an even kernel or a stride, or from \
            TensorFlow's 'SAME' exported as explicit pads) shifts the output grid by half a pixel relative to \
            the input. Frameworks disagree on which side gets the extra pixel, so a model converted between \
            them can be subtly misaligned. The spectral norm is unaffected; this is a note for porting work.
            """,
        example: """
            model.onnx: node 'conv0' (Conv): note: padding is asymmetric: top 0 / bottom 1, left 0 / right 1 [LIP011 asymmetric-padding]
            """)

    /// No figure: reads the layers' geometry only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard let conv = layer.conv, conv.padsResolved, conv.pads.count == 4 else { return nil }
            let p = conv.pads
            var parts: [String] = []
            if p[0] != p[2] { parts.append("top \(p[0]) / bottom \(p[2])") }
            if p[1] != p[3] { parts.append("\(conv.spatialRank == 1 ? "begin" : "left") \(p[1]) / "
                + "\(conv.spatialRank == 1 ? "end" : "right") \(p[3])") }
            guard !parts.isEmpty else { return nil }
            return Violation(location: layer.location, message: "padding is asymmetric: " + parts.joined(separator: ", "))
        }
    }
}
