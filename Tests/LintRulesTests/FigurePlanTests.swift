import Analysis
import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// `check` computes only the figures its enabled rules read (`FigurePlan`): at the standard search effort when
/// a rule reads the Lanczos `exact` figure (then they equal `--bounds standard`'s), else at the fast effort
/// first (refinement: EffortRefinementTests).
@Suite struct FigurePlanTests {
    /// A 3-layer model: two 3×3 convs (one strided) and a 1×1 conv, random weights (seed 7), 8×8 input.
    static func model() -> [UInt8] {
        var rng = SeededGenerator(seed: 7)
        func weights(_ n: Int) -> [Float] { (0..<n).map { _ in Float.random(in: -0.5...0.5, using: &rng) } }
        let input = RuleTestModels.floatInput("x", [1, 3, 8, 8])
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(op: "Conv", inputs: ["x", "w0"], outputs: ["h0"], name: "conv0",
                                attributes: [.ints("pads", [1, 1, 1, 1]), .ints("kernel_shape", [3, 3])]),
                ONNXWriter.node(op: "Conv", inputs: ["h0", "w1"], outputs: ["h1"], name: "conv1",
                                attributes: [.ints("pads", [1, 1, 1, 1]), .ints("strides", [2, 2]), .ints("kernel_shape", [3, 3])]),
                ONNXWriter.node(op: "Conv", inputs: ["h1", "w2"], outputs: ["y"], name: "head",
                                attributes: [.ints("kernel_shape", [1, 1])]),
            ],
            initializers: [
                ONNXWriter.tensor(name: "w0", dims: [4, 3, 3, 3], floats: weights(4 * 3 * 9)),
                ONNXWriter.tensor(name: "w1", dims: [4, 4, 3, 3], floats: weights(4 * 4 * 9)),
                ONNXWriter.tensor(name: "w2", dims: [2, 4, 1, 1], floats: weights(8)),
            ],
            inputs: [input], outputs: [RuleTestModels.floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// Lints the model with `config` (none: the default preset) and `settings`, figures from the rules unless
    /// `bounds` is given; returns the analysis.
    static func analysis(
        config yaml: String? = nil, settings: CommandLineSettings = CommandLineSettings(), bounds: BoundsSelection? = nil
    ) throws -> ModelAnalysis {
        let dir = try FileIO.makeTemporaryDirectory("liplint-plan")
        defer { FileIO.remove(dir) }
        try FileIO.write(model(), to: dir + "/m.onnx")
        var configFile: String?
        if let yaml {
            try FileIO.write(Array(yaml.utf8), to: dir + "/liplint.yml")
            configFile = dir + "/liplint.yml"
        }
        let request = LintRequest(
            paths: [dir + "/m.onnx"], configFile: configFile, commandLine: settings,
            analysis: AnalysisOptions(bounds: bounds ?? .standard, jobs: 1), figuresFromRules: bounds == nil)
        let result = try LintRunner(catalog: AllRules.catalog).run(request)
        return try #require(result.reports.first?.analysis)
    }

    static func plan(config yaml: String? = nil, settings: CommandLineSettings = CommandLineSettings()) throws -> FigureNeeds {
        FigurePlan(catalog: AllRules.catalog, configuration: try RuleTest.configuration(yaml, settings: settings)).needs
    }

    /// The default preset reads no size-dependent figure: `circulant-underestimates` is off there and
    /// `ill-conditioned-layer` checks dense layers only.
    @Test func theDefaultCheckComputesNoSizeDependentFigure() throws {
        #expect(try Self.plan() == .sizeIndependentOnly)
        let a = try Self.analysis()
        #expect(a.layers.count == 3)
        for layer in a.layers {
            #expect(!layer.figures.exact.isRequested, "\(layer.name)")
            #expect(!layer.figures.embedding.isRequested, "\(layer.name)")
            #expect(layer.figures.asymptotic.isAvailable, "\(layer.name)")
            #expect(!layer.figures.circulant.isRequested, "\(layer.name)")
        }
        #expect(a.network != nil)
        let convs = "rules: {ill-conditioned-layer: {convs: true}}\n"
        #expect(try Self.plan(config: convs) == .sizeIndependent(plus: [.circulant]))
        #expect(try Self.analysis(config: convs).layers.allSatisfy { $0.figures.circulant.isRequested && !$0.figures.exact.isRequested })
    }

    /// A rule that reads the Lanczos `exact` figure gets it: switched on by the user, or by the strict preset.
    @Test func aRuleThatReadsTheExactFigureGetsIt() throws {
        let on = "rules: {circulant-underestimates: note}\n"
        #expect(try Self.plan(config: on) == .sizeIndependent(plus: [.circulant, .exact]))  // circulant: the rule's own
        #expect(try Self.plan(config: "extends: strict\n") == .sizeIndependent(plus: [.circulant, .exact]))
        let a = try Self.analysis(config: on)
        #expect(a.layers.allSatisfy { $0.figures.exact.isAvailable && !$0.figures.embedding.isRequested })
        let ignored = CommandLineSettings(ignore: ["circulant-underestimates"])
        #expect(try Self.plan(config: "extends: strict\n", settings: ignored) == .sizeIndependent(plus: [.circulant]))
    }

    @Test func aBoundOptionNamesTheFigureItReads() throws {
        let settings = CommandLineSettings(ignore: ["circulant-underestimates", "ill-conditioned-layer"])
        #expect(try Self.plan(settings: settings) == .sizeIndependentOnly)
        let exact = "rules: {layer-spectral-norm: {bound: exact}}\n"
        #expect(try Self.plan(config: exact, settings: settings) == .sizeIndependent(plus: [.exact]))
        let a = try Self.analysis(config: exact, settings: settings)
        #expect(a.layers.allSatisfy { $0.figures.exact.isAvailable && !$0.figures.circulant.isRequested })
        let embedding = "rules: {layer-spectral-norm: {bound: embedding}}\n"
        #expect(try Self.plan(config: embedding, settings: settings) == .sizeIndependent(plus: [.embedding]))
        #expect(try Self.plan(config: "network-bound: embedding\n", settings: settings) == .sizeIndependent(plus: [.embedding]))
    }

    /// A rule switched on (or given another `bound:`) by an `overrides:` entry still gets its figures.
    @Test func overridesCount() throws {
        let yaml = """
            rules:
              circulant-underestimates: off
              ill-conditioned-layer: off
            overrides:
              - nodes: ["conv1"]
                rules: {circulant-underestimates: warning}
              - nodes: ["head"]
                rules: {layer-spectral-norm: {bound: embedding}}
            """
        #expect(try Self.plan(config: yaml) == .sizeIndependent(plus: [.exact, .circulant, .embedding]))
        let none = CommandLineSettings(select: ["dead-filters", "stride-skips-input"])
        #expect(try Self.plan(settings: none) == .nothing)
        let a = try Self.analysis(settings: none)
        #expect(a.layers.allSatisfy { $0.figures.isEmpty })
        #expect(a.network == nil)
    }

    /// Without a rule that reads `exact`, the size-independent figures are computed at the fast effort first.
    @Test func theSearchEffortIsFastUnlessExactIsRead() throws {
        let plan = { (yaml: String?) in
            FigurePlan(catalog: AllRules.catalog, configuration: try RuleTest.configuration(yaml))
        }
        #expect(try plan(nil).refinesFromFast)
        #expect(try plan(nil).applied(to: AnalysisOptions()).searchEffort == .fast)
        #expect(try plan("rules: {ill-conditioned-layer: {convs: true}}\n").refinesFromFast)
        #expect(try plan("rules: {layer-spectral-norm: {bound: embedding}}\n").refinesFromFast)
        #expect(try !plan("extends: strict\n").refinesFromFast)
        #expect(try plan("extends: strict\n").applied(to: AnalysisOptions()).searchEffort == nil)
        #expect(try !plan("rules: {layer-spectral-norm: {bound: exact}}\n").refinesFromFast)
        let a = try Self.analysis()
        #expect(a.layers.allSatisfy { $0.effort == .fast })
        let fast = try Self.analysis(bounds: .fast)
        #expect(zip(a.layers, fast.layers).allSatisfy { $0.figures.asymptotic == $1.figures.asymptotic })
    }

    /// With a rule that reads `exact`, every figure the lazy run computes equals `--bounds standard`'s, bit
    /// for bit; findings are equal.
    @Test func figuresAreIdenticalWithAndWithoutLaziness() throws {
        let lazy = try Self.analysis(config: "rules: {circulant-underestimates: note}\n")
        let full = try Self.analysis(bounds: .standard)
        #expect(lazy.layers.allSatisfy { $0.figures.exact.isRequested && !$0.figures.embedding.isRequested })
        #expect(lazy.layers.count == full.layers.count)
        for (l, f) in zip(lazy.layers, full.layers) {
            #expect(f.figures.exact.isAvailable && f.figures.embedding.isAvailable)
            #expect(l.figures.exact.isAvailable && l.figures.circulant.isAvailable && l.figures.asymptotic.isAvailable)
            /// A figure the lazy run computed equals the full run's.
            func same<V>(_ lazy: FigureValue<V>, _ full: FigureValue<V>) -> Bool { !lazy.isRequested || lazy == full }
            let (a, b) = (l.figures, f.figures)
            #expect(same(a.exact, b.exact) && same(a.denseNorm, b.denseNorm) && same(a.embedding, b.embedding), "\(l.name)")
            #expect(same(a.asymptotic, b.asymptotic) && same(a.circulant, b.circulant), "\(l.name)")
            #expect(same(a.closedForm, b.closedForm) && same(a.fantasticFour, b.fantasticFour), "\(l.name)")
            #expect(same(a.gram, b.gram) && same(a.reshaped, b.reshaped) && same(a.approximation, b.approximation), "\(l.name)")
        }
        #expect(lazy.network?.outputs.map(\.upper) == full.network?.outputs.map(\.upper))
    }
}
