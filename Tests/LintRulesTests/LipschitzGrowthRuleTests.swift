import Analysis
import LintCore
import LintRules
import LipschitzKit
import ONNXModel
import Testing

/// LIP014 `lipschitz-growth` on hand-made OLD/NEW analyses (the figures themselves are Analysis's).
@Suite struct LipschitzGrowthRuleTests {
    /// A conv layer whose certified `asymptotic.upper` is `bound` (`nil`: the figure is unavailable).
    func conv(_ name: String, _ bound: Double?, embedding: Double? = nil) -> LayerAnalysis {
        var f = LayerFigures()
        if let bound {
            f.asymptotic = RuleTest.asymptotic(bound)
        } else {
            f.asymptotic = .unavailable(reason: "weights not static: test")
        }
        if let embedding { f.embedding = RuleTest.embedding(embedding) }
        return RuleTest.convLayer(name, figures: f)
    }

    func model(_ layers: [LayerAnalysis], outputs: [OutputBound] = [], sizeSpecific: Bool = false) -> ModelAnalysis {
        var a = RuleTest.analysis(layers)
        a.network = NetworkBound(
            wrt: ["x"], boundUsed: sizeSpecific ? "embedding" : "asymptotic", sizeSpecific: sizeSpecific,
            outputs: outputs, naiveProduct: nil)
        a.options.sizeSpecific = sizeSpecific
        return a
    }

    func output(_ name: String, _ upper: Double?) -> OutputBound {
        OutputBound(
            name: name, upper: upper, kind: upper == nil ? "unknown" : "upper", criticalPath: [],
            blockingOps: upper == nil ? [BlockingOp(node: "Mul_17", op: "Mul", reason: "product of inputs")] : [])
    }

    @Test func aLayerThatDoubledFires() throws {
        let findings = try RuleTest.findings(
            "lipschitz-growth", old: model([conv("conv1", 1.5), conv("conv2", 4)]),
            new: model([conv("conv1", 3), conv("conv2", 4)]))
        #expect(findings.map(\.message) == ["certified spectral norm grew ×2 (1.5 → 3), more than max-ratio 1.05"])
        let f = try #require(findings.first)
        #expect(f.location.name == "conv1" && f.location.op == "Conv")
        #expect(f.severity == .error)
        #expect(f.value == 2 && f.threshold == 1.05)
    }

    @Test func maxRatioIsTheThreshold() throws {
        let old = model([conv("conv1", 1.5)]), new = model([conv("conv1", 1.56)])  // ×1.04
        #expect(try RuleTest.findings("LIP014", old: old, new: new).isEmpty)
        let tight = try RuleTest.findings("LIP014", old: old, new: new, config: "rules:\n  lipschitz-growth: {max-ratio: 1.01}\n")
        #expect(tight.count == 1 && tight.first?.threshold == 1.01)
        #expect(try RuleTest.findings("LIP014", old: old, new: new, config: "rules:\n  LIP014: {max-ratio: 1.01, severity: off}\n").isEmpty)
        let note = try RuleTest.findings("LIP014", old: old, new: new, config: "rules:\n  LIP014: {max-ratio: 1.01, severity: note}\n")
        #expect(note.first?.severity == .note)
    }

    @Test func shrinkingAndUnchangedLayersAreSilent() throws {
        #expect(try RuleTest.findings("LIP014", old: model([conv("a", 3), conv("b", 2)]),
                                      new: model([conv("a", 1), conv("b", 2)])).isEmpty)
    }

    @Test func aRenamedLayerNamesItsPreviousName() throws {
        let findings = try RuleTest.findings("LIP014", old: model([conv("conv1", 1)]), new: model([conv("conv1.renamed", 2)]))
        #expect(findings.map(\.message) == ["certified spectral norm grew ×2 (1 → 2), more than max-ratio 1.05 (was 'conv1')"])
        #expect(findings.first?.location.name == "conv1.renamed")
    }

    @Test func growthFromZeroFires() throws {
        let findings = try RuleTest.findings("LIP014", old: model([conv("a", 0)]), new: model([conv("a", 0.5)]))
        #expect(findings.map(\.message) == ["certified spectral norm grew from 0 to 0.5, more than max-ratio 1.05"])
        #expect(findings.first?.value == nil)
    }

    @Test func aLostCertificateFires() throws {
        let findings = try RuleTest.findings("LIP014", old: model([conv("a", 1.5)]), new: model([conv("a", nil)]))
        #expect(findings.map(\.message) == ["certified spectral norm was 1.5 and is unknown now: weights not static: test"])
        // Unknown before: nothing to compare against.
        #expect(try RuleTest.findings("LIP014", old: model([conv("a", nil)]), new: model([conv("a", 9)])).isEmpty)
    }

    @Test func addedAndRemovedLayersAreNotFindingsByThemselves() throws {
        // An added layer, however large its bound, and a removed one: their effect shows in the network bound.
        let old = model([conv("a", 1)])
        let new = model([conv("a", 1), conv("extra", 50)])
        #expect(try RuleTest.findings("LIP014", old: old, new: new).isEmpty)
        #expect(try RuleTest.findings("LIP014", old: new, new: old).isEmpty)
    }

    @Test func networkOutputsThatGrewOrLostTheirCertificateFire() throws {
        let old = model([], outputs: [output("y", 10), output("z", 5), output("gone", 1)])
        let new = model([], outputs: [output("y", 20), output("z", nil), output("fresh", 100)])
        let findings = try RuleTest.findings("LIP014", old: old, new: new)
        #expect(findings.map(\.message) == [
            "network Lipschitz bound grew ×2 (10 → 20), more than max-ratio 1.05",
            "network Lipschitz bound was 5 and is unknown now: blocked by 'Mul_17' (Mul)",
        ])
        #expect(findings.map(\.location) == [.output("y"), .output("z")])
    }

    @Test func overridesApplyByNodeName() throws {
        let yaml = """
            overrides:
              - nodes: ["head.*"]
                rules:
                  lipschitz-growth: {max-ratio: 3}
            """
        let findings = try RuleTest.findings(
            "LIP014", old: model([conv("body.conv", 1), conv("head.conv", 1)]),
            new: model([conv("body.conv", 2), conv("head.conv", 2)]), config: yaml)
        #expect(findings.map(\.location.name) == ["body.conv"])
    }

    @Test func newModelMetadataSuppresses() throws {
        var new = model([conv("a", 2), conv("b", 2)])
        new.model.metadata = [MetadataEntry(key: "liplint:ignore", value: "lipschitz-growth@a")]
        let findings = try RuleTest.findings("LIP014", old: model([conv("a", 1), conv("b", 1)]), new: new)
        #expect(findings.map(\.location.name) == ["b"])
    }

    @Test func sizeSpecificAnalysesCompareTheEmbeddingCertificate() throws {
        // asymptotic unchanged, embedding doubled: only visible when the analyses are size-specific.
        let old = [conv("a", 4, embedding: 1)], new = [conv("a", 4, embedding: 2)]
        #expect(try RuleTest.findings("LIP014", old: model(old), new: model(new)).isEmpty)
        let findings = try RuleTest.findings("LIP014", old: model(old, sizeSpecific: true), new: model(new, sizeSpecific: true))
        #expect(findings.map(\.value) == [2])
        #expect(ModelDiff(old: model(old, sizeSpecific: true), new: model(new, sizeSpecific: true)).figure == .embedding)
    }

    @Test func checkNeverRunsTheDiffRule() throws {
        let id = try #require(AllRules.catalog.descriptor(named: "LIP014")?.id)
        #expect(AllRules.catalog.diffRule(id) != nil && AllRules.catalog.rule(id) == nil)
        #expect(try RuleTest.findings("LIP014", analysis: model([conv("a", 1e6)])).isEmpty)
    }

    @Test func maxRatioBelowOneIsAConfigurationError() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try RuleTest.linter("LIP014", config: "rules:\n  lipschitz-growth: {max-ratio: 0.5}\n")
        }
    }
}

/// The network part of a diff: outputs matched by name, the largest bound per side.
@Suite struct NetworkDiffTests {
    func bound(_ outputs: [(String, Double?)]) -> NetworkBound {
        NetworkBound(wrt: ["x"], boundUsed: "asymptotic", sizeSpecific: false, outputs: outputs.map {
            OutputBound(name: $0.0, upper: $0.1, kind: $0.1 == nil ? "unknown" : "upper", criticalPath: [], blockingOps: [])
        }, naiveProduct: nil)
    }

    @Test func outputsMatchByNameInNewOrderThenRemoved() {
        let diff = NetworkDiff(old: bound([("a", 2), ("b", 3), ("c", 1)]), new: bound([("b", 3), ("a", 4), ("d", 1)]))
        #expect(diff.outputs.map { "\($0.name):\($0.status.rawValue)" } == ["b:unchanged", "a:changed", "d:added", "c:removed"])
        #expect(diff.outputs[1].change.ratio == 2)
        #expect(diff.change.before == 3 && diff.change.after == 4)
    }

    @Test func anUnknownOutputMakesItsSideUnknown() {
        let diff = NetworkDiff(old: bound([("a", 2)]), new: bound([("a", nil)]))
        #expect(diff.outputs.map(\.status) == [.unknown])
        #expect(diff.change.before == 2 && diff.change.after == nil && diff.change.ratio == nil)
    }
}
