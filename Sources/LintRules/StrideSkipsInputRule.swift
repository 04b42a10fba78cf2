import Analysis
import LintCore
import ONNXModel

/// LIP010 `stride-skips-input`: a conv whose stride exceeds its effective kernel extent on an axis, so some
/// input pixels are never read.
public struct StrideSkipsInputRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP010", name: "stride-skips-input"),
        defaultSeverity: .warning,
        summary: "A conv's stride exceeds its effective kernel size (k−1)·d+1 on an axis: some input pixels are never read.",
        rationale: """
            With stride s larger than the effective kernel extent, the windows do not touch: rows or columns \
            of the input between them never reach the output. The layer silently throws away part of its \
            input (often a mistake in a downsampling block, such as a 1×1 conv with stride 2 in a shortcut \
            that was meant to follow a pooling). Use a kernel at least as large as the stride, or pool first.
            """,
        example: """
            model.onnx: node 'shortcut.0' (Conv): warning: stride 2 exceeds the effective kernel size 1 along width: 1 of every 2 input columns is never read [LIP010 stride-skips-input]
            """)

    /// No figure: reads the layers' geometry only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        input.analysis.layers.compactMap { layer -> Violation? in
            guard let conv = layer.conv, conv.op != .convTranspose, conv.kernel.count == 2, conv.stride.count == 2,
                  conv.dilation.count == 2 else { return nil }
            let axes = [("height", "rows"), ("width", "columns")]
            for axis in (0..<2).reversed() where !(conv.spatialRank == 1 && axis == 0) {
                let effective = (conv.kernel[axis] - 1) * conv.dilation[axis] + 1
                let stride = conv.stride[axis]
                guard stride > effective else { continue }
                let (name, unit) = axes[axis]
                return Violation(
                    location: layer.location,
                    message: "stride \(stride) exceeds the effective kernel size \(effective) along \(name): "
                        + "\(stride - effective) of every \(stride) input \(unit) \(stride - effective == 1 ? "is" : "are") never read",
                    value: Double(stride), threshold: Double(effective))
            }
            return nil
        }
    }
}
