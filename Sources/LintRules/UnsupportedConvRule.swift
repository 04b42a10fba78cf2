import Analysis
import LintCore
import ONNXModel

/// LIP013 `unsupported-conv`: a conv-like node liplint does not analyse (3-D convs, DeformConv, convs in
/// other domains), so its layer has no figures.
public struct UnsupportedConvRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP013", name: "unsupported-conv"),
        defaultSeverity: .warning,
        summary: "A conv-like node is not analysed (3-D conv, DeformConv, vendor-domain conv, ...).",
        rationale: """
            liplint computes figures for 1-D and 2-D Conv, ConvTranspose, QLinearConv and ConvInteger. Any \
            other conv-like node has no figures, so the network bound is unknown past it and no layer rule \
            can check it. The finding makes the gap visible instead of silently skipping the node.
            """,
        example: """
            model.onnx: node 'conv3d_1' (Conv): warning: not analysed: 3-D convolution (weight rank 5) is not analysed [LIP013 unsupported-conv]
            """)

    /// No figure: reads the graph only.
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .nothing }

    public func check(_ input: RuleInput) -> [Violation] {
        // Only conv-like nodes: data-dependent MatMuls are listed as unsupported too, but they are the network
        // bound's business (`lipschitz-unknown-op`), not a missing conv analysis.
        input.analysis.unsupported.filter { $0.op.lowercased().contains("conv") }.map { u in
            Violation(location: .node(u.name, graph: u.graph, index: u.nodeIndex, op: u.op),
                      message: "not analysed: \(u.reason)")
        }
    }
}
