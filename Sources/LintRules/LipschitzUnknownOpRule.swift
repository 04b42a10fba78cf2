import Analysis
import LintCore
import LipschitzKit
import ONNXModel

/// LIP003 `lipschitz-unknown-op`: an operator that blocks the network Lipschitz certificate.
public struct LipschitzUnknownOpRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: RuleID(code: "LIP003", name: "lipschitz-unknown-op"),
        defaultSeverity: .warning,
        summary: "An operator blocks the network Lipschitz certificate: every output downstream has an unknown bound.",
        rationale: """
            liplint never treats an operator it cannot bound as 1-Lipschitz. Data-dependent normalisations \
            (LayerNorm, InstanceNorm), products of two input-dependent tensors without a declared input range, \
            discontinuous ops (ArgMax, MaxPool indices) and ops without a rule make the bound unknown from \
            there on. The finding names the op and why; often an `input-range:` for the inputs, or replacing \
            a hand-written activation by the ONNX op, gives a certificate.
            """,
        example: """
            model.onnx: node 'Mul_17' (Mul): warning: blocks the network Lipschitz bound of output 'y': product of two input-dependent tensors (declare input-range to bound it) [LIP003 lipschitz-unknown-op]
            """)

    /// The network bound's blocking operators (computed with the size-independent figures).
    public func figuresRead(with options: OptionValues) -> FigureNeeds { .sizeIndependentOnly }

    public func check(_ input: RuleInput) -> [Violation] {
        guard let network = input.analysis.network else { return [] }
        var seen: [String: (op: BlockingOp, outputs: [String])] = [:]
        var order: [String] = []
        for output in network.outputs {
            for op in output.blockingOps {
                if seen[op.node] == nil {
                    seen[op.node] = (op, [])
                    order.append(op.node)
                }
                seen[op.node]?.outputs.append(output.name)
            }
        }
        return order.compactMap { node -> Violation? in
            guard let entry = seen[node] else { return nil }
            let outputs = entry.outputs.map { "'\($0)'" }
            let which = outputs.count == 1 ? "output \(outputs[0])" : "outputs \(outputs.joined(separator: ", "))"
            return Violation(
                location: FindingLocation(
                    subject: .node, name: entry.op.node, nodeIndex: input.analysis.nodePositions[entry.op.node]?.index,
                    op: entry.op.op),
                message: "blocks the network Lipschitz bound of \(which): \(entry.op.reason)")
        }
    }
}
