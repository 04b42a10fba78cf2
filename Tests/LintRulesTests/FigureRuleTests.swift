import Analysis
import LintCore
import Testing

/// Rules that read spectral figures, on hand-made analyses (so they test the rule, not the numerics) and on
/// dense layers whose norm LAPACK gives exactly.
@Suite struct LayerSpectralNormRuleTests {
    func conv(_ asymptotic: Double, exact: Double? = nil, embedding: Double? = nil, name: String = "conv1") -> LayerAnalysis {
        var f = LayerFigures()
        f.asymptotic = RuleTest.asymptotic(asymptotic)
        if let exact { f.exact = RuleTest.exact(exact) }
        if let embedding { f.embedding = RuleTest.embedding(embedding) }
        return RuleTest.convLayer(name, figures: f)
    }

    @Test func certifiedNormAboveMaxFires() throws {
        let findings = try RuleTest.findings("LIP001", analysis: RuleTest.analysis([conv(142.3)]))
        #expect(findings.map(\.message) == ["certified spectral norm 142.3 exceeds 100"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.value == 142.3 && findings.first?.threshold == 100)
    }

    @Test func normBelowMaxDoesNotFire() throws {
        #expect(try RuleTest.findings("layer-spectral-norm", analysis: RuleTest.analysis([conv(99.9)])).isEmpty)
    }

    /// The decision reads the unrounded value; the message shows enough digits to say why.
    @Test func thresholdDecisionsUseUnroundedValues() throws {
        let config = "rules:\n  LIP001: {max: 1.001, bound: exact}\n"
        let above = RuleTest.analysis([conv(0.5, exact: 1.001_000_4)])
        #expect(try RuleTest.findings("LIP001", analysis: above, config: config).map(\.message)
            == ["estimated spectral norm (exact figure) 1.0010004 exceeds 1.001"])
        // 1.0009996 prints as 1.001 at 6 digits, but it is below the limit: no finding.
        let below = RuleTest.analysis([conv(0.5, exact: 1.000_999_6)])
        #expect(try RuleTest.findings("LIP001", analysis: below, config: config).isEmpty)
        // A certified bound just above the limit is rounded up, so it already reads above it.
        let certified = RuleTest.analysis([conv(1.001_000_4)])
        #expect(try RuleTest.findings("LIP001", analysis: certified, config: "rules:\n  LIP001: {max: 1.001}\n")
            .map(\.message) == ["certified spectral norm 1.00101 exceeds 1.001"])
    }

    @Test func boundOptionPicksTheFigure() throws {
        let layer = conv(90, exact: 150, embedding: 120)
        let analysis = RuleTest.analysis([layer])
        #expect(try RuleTest.findings("LIP001", analysis: analysis).isEmpty)
        let exact = try RuleTest.findings("LIP001", analysis: analysis, config: "rules:\n  LIP001: {bound: exact}\n")
        #expect(exact.map(\.message) == ["estimated spectral norm (exact figure) 150 exceeds 100"])
        let embedding = try RuleTest.findings(
            "LIP001", analysis: analysis, config: "rules:\n  layer-spectral-norm: {bound: embedding}\n")
        #expect(embedding.map(\.message) == ["certified spectral norm at the input size 120 exceeds 100"])
    }

    @Test func embeddingFallsBackToAsymptoticWhenTheSizeIsUnknown() throws {
        let findings = try RuleTest.findings(
            "LIP001", analysis: RuleTest.analysis([conv(130)]), config: "rules:\n  LIP001: {bound: embedding}\n")
        #expect(findings.map(\.message) == ["certified spectral norm 130 exceeds 100"])
    }

    @Test func overridesRaiseTheLimitForMatchingNodesOnly() throws {
        let analysis = RuleTest.analysis([conv(142.3, name: "backbone.conv1"), conv(142.3, name: "head")])
        let yaml = """
            rules:
              layer-spectral-norm: {severity: error}
            overrides:
              - nodes: ["backbone.*"]
                rules:
                  layer-spectral-norm: {max: 200}
            """
        let findings = try RuleTest.findings("LIP001", analysis: analysis, config: yaml)
        #expect(findings.map(\.location.name) == ["head"])
        #expect(findings.first?.severity == .error)
    }

    @Test func convNormFromTheAnalysis() throws {
        // All-ones 3×3 single-channel kernel: σ∞ = |F(0)| = 9.
        let model = RuleTestModels.conv(cout: 1, cin: 1, weights: Array(repeating: 1, count: 9))
        let findings = try RuleTest.findings("LIP001", model: model, config: "rules:\n  LIP001: {max: 5}\n", bounds: .fast)
        #expect(findings.count == 1)
        let value = try #require(findings.first?.value)
        #expect(value >= 9 && value < 9.01)
        #expect(findings.first?.message.hasPrefix("certified spectral norm 9") == true)
        #expect(try RuleTest.findings("LIP001", model: model, config: "rules:\n  LIP001: {max: 9.1}\n", bounds: .fast).isEmpty)
    }

    @Test func denseLayerNormFromLAPACK() throws {
        let big = RuleTestModels.gemm(out: 2, in: 2, weights: [200, 0, 0, 1])
        let findings = try RuleTest.findings("LIP001", model: big, bounds: .fast)
        #expect(findings.count == 1)
        #expect(findings.first?.message == "spectral norm 200 exceeds 100")
        #expect(findings.first?.location.op == "Gemm")
        let small = RuleTestModels.gemm(out: 2, in: 2, weights: [2, 0, 0, 1])
        #expect(try RuleTest.findings("LIP001", model: small, bounds: .fast).isEmpty)
    }
}

@Suite struct CirculantUnderestimatesRuleTests {
    /// The default preset switches the rule off; these tests switch it on at its documented default.
    static let on = "rules:\n  LIP004: on\n"

    func layer(circulant: Double, exact: Double) -> LayerAnalysis {
        var f = LayerFigures()
        f.circulant = RuleTest.circulant(max: circulant, min: 0.1)
        f.exact = RuleTest.exact(exact)
        return RuleTest.convLayer("conv1", figures: f)
    }

    @Test func gapAboveToleranceFires() throws {
        let findings = try RuleTest.findings("LIP004", analysis: RuleTest.analysis([layer(circulant: 0.9, exact: 1)]), config: Self.on)
        #expect(findings.map(\.message) == ["circulant norm 0.9 underestimates the exact norm 1 by 10%"])
        #expect(findings.first?.severity == .note)
    }

    /// A 5×5 kernel on 8×8 ("same" padding) whose wrap-around norm is 5 % below the zero-padded one (found by a
    /// seeded random search against explicit operator matrices); the all-ones kernel is overestimated instead.
    static let underestimatedKernel: [Float] = [
        -0.4, 0.5, 1.5, 0.1, -0.3, -0.9, 0.3, 0.6, -0.5, 0.3, 0.4, 0.2, 0, 0, 2.3, 1.1, 0.7, 0.2, -0.2, 0,
        0.1, -2, -0.3, -0.2, -1.3,
    ]

    @Test func realFiguresOfAnUnderestimatedKernel() throws {
        let model = RuleTestModels.conv(cout: 1, cin: 1, kernel: [5, 5], pads: [2, 2, 2, 2], weights: Self.underestimatedKernel)
        let findings = try RuleTest.findings("LIP004", model: model, config: Self.on, bounds: .standard)
        #expect(findings.count == 1)
        let gap = try #require(findings.first?.value)
        #expect(gap > 0.04 && gap < 0.06)
        #expect(try RuleTest.findings("LIP004", model: model, config: "rules:\n  LIP004: {severity: note, tolerance: 0.1}\n", bounds: .standard).isEmpty)
        let ones = RuleTestModels.conv(cout: 1, cin: 1, kernel: [5, 5], pads: [2, 2, 2, 2], weights: Array(repeating: 1, count: 25))
        #expect(try RuleTest.findings("LIP004", model: ones, config: Self.on, bounds: .standard).isEmpty)
    }

    @Test func gapWithinToleranceDoesNotFire() throws {
        #expect(try RuleTest.findings("LIP004", analysis: RuleTest.analysis([layer(circulant: 0.995, exact: 1)]), config: Self.on).isEmpty)
        #expect(try RuleTest.findings("LIP004", analysis: RuleTest.analysis([layer(circulant: 1.2, exact: 1)]), config: Self.on).isEmpty)
    }
}

@Suite struct IllConditionedLayerRuleTests {
    @Test func nearSingularDenseLayerFires() throws {
        let findings = try RuleTest.findings("LIP005", model: RuleTestModels.gemm(out: 2, in: 2, weights: [1, 0, 0, 1e-8]), bounds: .fast)
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("smallest singular value 1e-8 is below 1e-6") == true)
    }

    @Test func wellConditionedDenseLayerDoesNotFire() throws {
        #expect(try RuleTest.findings("LIP005", model: RuleTestModels.gemm(out: 2, in: 2, weights: [1, 0, 0, 0.5]), bounds: .fast).isEmpty)
    }

    @Test func conditionNumberOption() throws {
        let model = RuleTestModels.gemm(out: 2, in: 2, weights: [1, 0, 0, 1e-5])
        #expect(try RuleTest.findings("LIP005", model: model, bounds: .fast).isEmpty)
        let findings = try RuleTest.findings("LIP005", model: model, config: "rules:\n  ill-conditioned-layer: {max-condition: 1e4}\n", bounds: .fast)
        #expect(findings.map(\.message) == ["condition number 100000 exceeds 10000"])
    }

    @Test func differenceKernelHasAZeroSingularValue() throws {
        // [1, −1] kills constant images: σmin = 0 on the circulant grid.
        let difference = RuleTestModels.conv(cout: 1, cin: 1, kernel: [1, 2], pads: [0, 0, 0, 0], weights: [1, -1])
        let convs = "rules:\n  ill-conditioned-layer: {convs: true}\n"
        let findings = try RuleTest.findings("LIP005", model: difference, config: convs, bounds: .standard)
        #expect(findings.map(\.message) == ["smallest singular value 0 (circulant estimate) is below 1e-6"])
        // Off by default: the same figures, and the rule leaves convs alone.
        #expect(try RuleTest.findings("LIP005", model: difference, bounds: .standard).isEmpty)
        let ones = RuleTestModels.conv(cout: 1, cin: 1, weights: Array(repeating: 1, count: 9))
        #expect(try RuleTest.findings("LIP005", model: ones, config: convs, bounds: .standard).isEmpty)
    }

    @Test func convUsesTheCirculantSpectrumAtStrideOneOnly() throws {
        var f = LayerFigures()
        f.circulant = RuleTest.circulant(max: 2, min: 1e-9)
        let stride1 = RuleTest.findings
        let convs = "rules:\n  ill-conditioned-layer: {convs: true}\n"
        #expect(try stride1("LIP005", RuleTest.analysis([RuleTest.convLayer("c", figures: f)]), convs).count == 1)
        #expect(try stride1("LIP005", RuleTest.analysis([RuleTest.convLayer("c", stride: 2, figures: f)]), convs).isEmpty)
        #expect(try stride1("LIP005", RuleTest.analysis([RuleTest.convLayer("c", figures: f)]), nil).isEmpty)
    }
}

@Suite struct OrthogonalityDeviationRuleTests {
    func layer(_ name: String, top: Double, bottom: Double) -> LayerAnalysis {
        var f = LayerFigures()
        f.exact = RuleTest.exact(top)
        f.circulant = RuleTest.circulant(max: top, min: bottom)
        return RuleTest.convLayer(name, figures: f)
    }

    @Test func inactiveWithoutNodes() throws {
        #expect(try RuleTest.findings("LIP006", analysis: RuleTest.analysis([layer("q1", top: 3, bottom: 0.1)])).isEmpty)
    }

    @Test func matchedLayerOutsideTheBandFires() throws {
        let analysis = RuleTest.analysis([layer("q1", top: 1.003, bottom: 0.91), layer("other", top: 3, bottom: 0.1)])
        let findings = try RuleTest.findings("LIP006", analysis: analysis, config: "rules:\n  orthogonality-deviation: {nodes: [\"q*\"]}\n")
        #expect(findings.map(\.message) == ["singular values span [0.91, 1.003], outside [0.99, 1.01]"])
        #expect(findings.first?.severity == .error)
    }

    @Test func orthogonalLayerDoesNotFire() throws {
        let analysis = RuleTest.analysis([layer("q1", top: 1.004, bottom: 0.996)])
        #expect(try RuleTest.findings("LIP006", analysis: analysis, config: "rules:\n  LIP006: {nodes: [q1]}\n").isEmpty)
    }

    @Test func realFiguresOfAnOrthogonalConv() throws {
        // A 1×1 rotation between two channels is orthogonal at every size; scaled by 1.1 it is not.
        let (c, s) = (Float(0.6), Float(0.8))
        let rotation = RuleTestModels.conv(kernel: [1, 1], pads: [0, 0, 0, 0], weights: [c, -s, s, c])
        let yaml = "rules:\n  LIP006: {nodes: [\"conv*\"]}\n"
        #expect(try RuleTest.findings("LIP006", model: rotation, config: yaml, bounds: .standard).isEmpty)
        let scaled = RuleTestModels.conv(kernel: [1, 1], pads: [0, 0, 0, 0], weights: [c, -s, s, c].map { $0 * 1.1 })
        let findings = try RuleTest.findings("LIP006", model: scaled, config: yaml, bounds: .standard)
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasSuffix("outside [0.99, 1.01]") == true)
    }

    @Test func orthogonalDenseLayerByExactSVD() throws {
        // A rotation by 30°: every singular value is 1.
        let (c, s) = (Float(0.8660254), Float(0.5))
        let model = RuleTestModels.gemm(out: 2, in: 2, weights: [c, -s, s, c])
        #expect(try RuleTest.findings("LIP006", model: model, config: "rules:\n  LIP006: {nodes: [fc]}\n", bounds: .fast).isEmpty)
        let scaled = RuleTestModels.gemm(out: 2, in: 2, weights: [c, -s, s, c], alpha: 1.1)
        #expect(try RuleTest.findings("LIP006", model: scaled, config: "rules:\n  LIP006: {nodes: [fc]}\n", bounds: .fast).count == 1)
    }
}
