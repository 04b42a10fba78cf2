import Analysis
import LintCore
import LipschitzKit
import Testing

/// The network rules on hand-made network bounds (the pass itself is LipschitzKit's).
@Suite struct NetworkRuleTests {
    func analysis(_ outputs: [OutputBound]) -> ModelAnalysis {
        var a = RuleTest.analysis([])
        a.network = NetworkBound(wrt: ["x"], boundUsed: "asymptotic", sizeSpecific: false, outputs: outputs, naiveProduct: nil)
        return a
    }

    let known = OutputBound(name: "logits", upper: 34.7, kind: "upper", criticalPath: [
        PathStep(node: "conv1", op: "Conv", factor: 3.1), PathStep(node: "relu", op: "Relu", factor: 1),
        PathStep(node: "fc", op: "Gemm", factor: 11.2),
    ], blockingOps: [])
    let unknown = OutputBound(name: "aux", upper: nil, kind: "unknown", criticalPath: [], blockingOps: [
        BlockingOp(node: "Mul_17", op: "Mul", reason: "product of two input-dependent tensors"),
    ])

    @Test func budgetIsInactiveUntilSet() throws {
        #expect(try RuleTest.findings("LIP002", analysis: analysis([known, unknown])).isEmpty)
    }

    @Test func boundAboveBudgetFires() throws {
        let findings = try RuleTest.findings(
            "network-lipschitz-budget", analysis: analysis([known, unknown]), config: "rules:\n  LIP002: {budget: 20}\n")
        #expect(findings.map(\.message) == ["network Lipschitz bound 34.7 exceeds the budget 20 (critical path: conv1 ×3.1, fc ×11.2)"])
        #expect(findings.first?.location == .output("logits"))
        #expect(findings.first?.severity == .error)
        #expect(try RuleTest.findings("LIP002", analysis: analysis([known]), config: "rules:\n  LIP002: {budget: 40}\n").isEmpty)
    }

    @Test func requireKnownFlagsUnknownOutputs() throws {
        let findings = try RuleTest.findings(
            "LIP002", analysis: analysis([known, unknown]), config: "rules:\n  LIP002: {require-known: true}\n")
        #expect(findings.map(\.message) == ["network Lipschitz bound is unknown: blocked by 'Mul_17' (Mul)"])
        #expect(findings.first?.location == .output("aux"))
    }

    @Test func overridesApplyToOutputNames() throws {
        let yaml = """
            rules:
              LIP002: {budget: 20}
            overrides:
              - nodes: [logits]
                rules:
                  LIP002: {budget: 50}
            """
        #expect(try RuleTest.findings("LIP002", analysis: analysis([known]), config: yaml).isEmpty)
    }

    @Test func unknownOpFiresOncePerBlockingNode() throws {
        let second = OutputBound(name: "y2", upper: nil, kind: "unknown", criticalPath: [], blockingOps: unknown.blockingOps)
        let findings = try RuleTest.findings("LIP003", analysis: analysis([known, unknown, second]))
        #expect(findings.map(\.message) == ["blocks the network Lipschitz bound of outputs 'aux', 'y2': product of two input-dependent tensors"])
        #expect(findings.first?.location.name == "Mul_17" && findings.first?.location.op == "Mul")
        #expect(findings.first?.severity == .warning)
    }

    @Test func noBlockingOpNoFinding() throws {
        #expect(try RuleTest.findings("LIP003", analysis: analysis([known])).isEmpty)
        #expect(try RuleTest.findings("LIP003", analysis: RuleTest.analysis([])).isEmpty)
    }
}
