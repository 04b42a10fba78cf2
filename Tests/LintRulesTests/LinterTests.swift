import Analysis
import LintCore
import LintRules
import Testing

/// Suppression from model metadata, severity/off resolution and finding order.
@Suite struct LinterTests {
    func asymmetric(_ metadata: [(key: String, value: String)]) -> [UInt8] {
        RuleTestModels.conv(name: "conv.1", pads: [0, 0, 1, 1], metadata: metadata)
    }

    @Test func metadataSuppressesARuleForTheWholeModel() throws {
        #expect(try RuleTest.findings("LIP011", model: asymmetric([("liplint:ignore", "asymmetric-padding")])).isEmpty)
        #expect(try RuleTest.findings("LIP011", model: asymmetric([("liplint:ignore", " LIP010 , lip011 ")])).isEmpty)
    }

    @Test func metadataSuppressesMatchingNodesOnly() throws {
        #expect(try RuleTest.findings("LIP011", model: asymmetric([("liplint:ignore", "LIP011@conv.*")])).isEmpty)
        #expect(try RuleTest.findings("LIP011", model: asymmetric([("liplint:ignore", "LIP011@head*")])).count == 1)
        #expect(try RuleTest.findings("LIP011", model: asymmetric([("liplint:ignore", "LIP010")])).count == 1)
    }

    @Test func offAndSeverityFromConfiguration() throws {
        #expect(try RuleTest.findings("LIP011", model: asymmetric([]), config: "rules:\n  asymmetric-padding: off\n").isEmpty)
        let raised = try RuleTest.findings("LIP011", model: asymmetric([]), config: "rules:\n  LIP011: error\n")
        #expect(raised.first?.severity == .error)
        let yaml = """
            overrides:
              - nodes: ["conv.?"]
                rules:
                  asymmetric-padding: {severity: off}
            """
        #expect(try RuleTest.findings("LIP011", model: asymmetric([]), config: yaml).isEmpty)
    }

    @Test func findingsFollowTheGraphOrderWhateverTheRule() throws {
        let findings = try RuleTest.findings("LIP011,LIP003", model: RuleTestModels.squareThenConv(), bounds: .fast)
        #expect(findings.map(\.rule.code) == ["LIP003", "LIP011"])
        #expect(findings.map(\.location.name) == ["sq", "conv0"])
        #expect(findings.map(\.location.nodeIndex) == [0, 1])
    }

    @Test func fingerprintDependsOnRulePathAndNodeOnly() throws {
        let a = try RuleTest.findings("LIP011", model: asymmetric([]))
        let b = try RuleTest.findings("LIP011", model: RuleTestModels.conv(name: "conv.1", pads: [0, 0, 2, 1]))
        #expect(a.count == 1 && b.count == 1)
        #expect(a[0].message != b[0].message)
        #expect(a[0].fingerprint == b[0].fingerprint)
        #expect(a[0].fingerprint == Fingerprint(rule: "LIP011", path: "m.onnx", node: "conv.1").hash)
    }

    @Test func everyRuleHasDocumentationAndUniqueIdentity() {
        let descriptors = AllRules.catalog.descriptors
        #expect(descriptors.count == 14)
        for d in descriptors {
            #expect(d.id.code.hasPrefix("LIP") && d.id.code.count == 6)
            #expect(d.id.name.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(!d.summary.isEmpty && !d.rationale.isEmpty && d.example.contains("[\(d.id.code) \(d.id.name)]"))
        }
    }
}
