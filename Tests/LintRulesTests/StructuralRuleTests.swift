import Analysis
import LintCore
import Testing

@Suite struct NonFiniteWeightsRuleTests {
    @Test func nanWeightFires() throws {
        var w = [Float](repeating: 0.5, count: 36)
        w[3] = .nan
        w[7] = .infinity
        let findings = try RuleTest.findings("LIP007", model: RuleTestModels.conv(weights: w))
        #expect(findings.map(\.message) == ["weight 'w' has 2 non-finite values (NaN or ±Inf) of 36"])
        #expect(findings.first?.severity == .error)
    }

    @Test func nonFiniteWeightsDoNotBreakTheFigures() throws {
        var w = [Float](repeating: 0.5, count: 36)
        w[0] = -.infinity
        // With figures requested, the layer's figures are unavailable (LAPACK would fail on NaN) and the rule fires.
        let findings = try RuleTest.findings("LIP007", model: RuleTestModels.conv(weights: w), bounds: .fast)
        #expect(findings.count == 1)
        let dense = try RuleTest.findings("LIP007", model: RuleTestModels.gemm(out: 2, in: 2, weights: [1, .nan, 0, 1]), bounds: .fast)
        #expect(dense.count == 1)
    }

    @Test func finiteWeightsDoNotFire() throws {
        #expect(try RuleTest.findings("non-finite-weights", model: RuleTestModels.conv()).isEmpty)
    }
}

@Suite struct DeadFiltersRuleTests {
    @Test func zeroOutputChannelFires() throws {
        let w = [Float](repeating: 0.3, count: 18) + [Float](repeating: 0, count: 18)
        let findings = try RuleTest.findings("LIP008", model: RuleTestModels.conv(weights: w))
        #expect(findings.map(\.message) == ["1 of 2 output channels has a (near-)zero kernel: 1"])
    }

    @Test func liveChannelsDoNotFire() throws {
        let w = [Float](repeating: 0.3, count: 18) + [Float](repeating: 1e-3, count: 18)
        #expect(try RuleTest.findings("LIP008", model: RuleTestModels.conv(weights: w)).isEmpty)
        // ... unless epsilon says so.
        let strict = try RuleTest.findings("LIP008", model: RuleTestModels.conv(weights: w), config: "rules:\n  dead-filters: {epsilon: 0.01}\n")
        #expect(strict.count == 1)
    }

    @Test func denseOutputUnitsAreRowsOfTheTransposedWeight() throws {
        // Gemm transB: W is (out, in); unit 1 is dead.
        let findings = try RuleTest.findings("LIP008", model: RuleTestModels.gemm(out: 2, in: 3, weights: [1, 2, 3, 0, 0, 0]))
        #expect(findings.map(\.message) == ["1 of 2 output channels has a (near-)zero kernel: 1"])
    }
}

@Suite struct BatchNormScaleRuleTests {
    @Test func largeScaleFires() throws {
        let findings = try RuleTest.findings("LIP009", model: RuleTestModels.convBatchNorm(gamma: [1, 2], variance: [1, 1e-4], epsilon: 0))
        #expect(findings.map(\.message) == ["channel 1 scale |γ/√(var+ε)| 200 exceeds 100"])
        #expect(findings.first?.location.name == "bn0")
        #expect(findings.first?.location.op == "BatchNormalization")
    }

    @Test func moderateScaleDoesNotFire() throws {
        // Without the square root the scale would be 1/1e-2 = 100.5; with it, 10.
        #expect(try RuleTest.findings("LIP009", model: RuleTestModels.convBatchNorm(gamma: [1, 1], variance: [1, 0.01])).isEmpty)
    }
}

@Suite struct StrideSkipsInputRuleTests {
    @Test func strideLargerThanKernelFires() throws {
        let model = RuleTestModels.conv(kernel: [1, 1], strides: [2, 2], pads: [0, 0, 0, 0])
        let findings = try RuleTest.findings("LIP010", model: model)
        #expect(findings.map(\.message) == ["stride 2 exceeds the effective kernel size 1 along width: 1 of every 2 input columns is never read"])
    }

    @Test func overlappingWindowsDoNotFire() throws {
        #expect(try RuleTest.findings("LIP010", model: RuleTestModels.conv(strides: [2, 2])).isEmpty)
        #expect(try RuleTest.findings("LIP010", model: RuleTestModels.conv(kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0])).isEmpty)
    }
}

@Suite struct AsymmetricPaddingRuleTests {
    @Test func unequalPadsFire() throws {
        let findings = try RuleTest.findings("LIP011", model: RuleTestModels.conv(pads: [0, 0, 1, 1]))
        #expect(findings.map(\.message) == ["padding is asymmetric: top 0 / bottom 1, left 0 / right 1"])
        #expect(findings.first?.severity == .note)
    }

    @Test func symmetricPadsDoNotFire() throws {
        #expect(try RuleTest.findings("LIP011", model: RuleTestModels.conv()).isEmpty)
    }
}

@Suite struct WeightsNotStaticRuleTests {
    @Test func graphInputWeightFires() throws {
        let findings = try RuleTest.findings("LIP012", model: RuleTestModels.conv(weightIsInput: true))
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("weight 'w' is not static") == true)
    }

    @Test func overridableInitializerFiresFromIR4() throws {
        let findings = try RuleTest.findings("LIP012", model: RuleTestModels.conv(initializerAlsoInput: true))
        #expect(findings.map(\.message) == ["weight 'w' is an initializer that is also a graph input: a caller can replace it"])
        // Before IR 4 every initializer had to be listed as an input: nothing to report.
        #expect(try RuleTest.findings("LIP012", model: RuleTestModels.conv(initializerAlsoInput: true, irVersion: 3)).isEmpty)
    }

    @Test func plainInitializerDoesNotFire() throws {
        #expect(try RuleTest.findings("LIP012", model: RuleTestModels.conv()).isEmpty)
    }
}

@Suite struct UnsupportedConvRuleTests {
    @Test func threeDimensionalConvFires() throws {
        let findings = try RuleTest.findings("LIP013", model: RuleTestModels.conv3D())
        #expect(findings.count == 1)
        #expect(findings.first?.location.name == "conv3d")
        #expect(findings.first?.message.contains("3-D convolution") == true)
    }

    @Test func twoDimensionalConvDoesNotFire() throws {
        #expect(try RuleTest.findings("LIP013", model: RuleTestModels.conv()).isEmpty)
    }
}
