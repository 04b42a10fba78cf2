import Analysis
import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// `check` without `--bounds` computes the size-independent figures at the fast search effort and refines
/// (recomputes at the standard effort) only the layers whose verdict depends on it: refined layers' figures
/// equal a standard run's, the others a `--bounds fast` run's, and the findings equal a standard run's.
@Suite struct EffortRefinementTests {
    /// Conv 3→96 (3×3) → Relu → Conv 96→96 (3×3) → Relu → Conv 96→2 (1×1) on 1×3×8×8, He-uniform weights
    /// (seed 11). The middle conv is large enough that the fast search stops on its work budget with a wider
    /// interval than the standard one (checked by `fastAndStandardDiffer`).
    static func model() -> [UInt8] {
        var rng = SeededGenerator(seed: 11)
        func weights(_ count: Int, fanIn: Int) -> [Float] {
            let a = Float((6 / Double(fanIn)).squareRoot())
            return (0..<count).map { _ in Float.random(in: -a...a, using: &rng) }
        }
        func conv(_ name: String, _ input: String, _ output: String, kernel: Int64) -> ONNXWriter.Node {
            ONNXWriter.node(
                op: "Conv", inputs: [input, name + ".w"], outputs: [output], name: name,
                attributes: [.ints("pads", Array(repeating: kernel / 2, count: 4)), .ints("kernel_shape", [kernel, kernel])])
        }
        let graph = ONNXWriter.graph(
            nodes: [
                conv("conv0", "x", "h0", kernel: 3), ONNXWriter.node(op: "Relu", inputs: ["h0"], outputs: ["r0"], name: "relu0"),
                conv("conv1", "r0", "h1", kernel: 3), ONNXWriter.node(op: "Relu", inputs: ["h1"], outputs: ["r1"], name: "relu1"),
                conv("head", "r1", "y", kernel: 1),
            ],
            initializers: [
                ONNXWriter.tensor(name: "conv0.w", dims: [96, 3, 3, 3], floats: weights(96 * 27, fanIn: 27)),
                ONNXWriter.tensor(name: "conv1.w", dims: [96, 96, 3, 3], floats: weights(96 * 96 * 9, fanIn: 96 * 9)),
                ONNXWriter.tensor(name: "head.w", dims: [2, 96, 1, 1], floats: weights(192, fanIn: 96)),
            ],
            inputs: [RuleTestModels.floatInput("x", [1, 3, 8, 8])], outputs: [RuleTestModels.floatInput("y", nil)])
        return ONNXWriter.model(opsets: [("", 17)], graph: graph)
    }

    /// Collects the refinement events of a run (called from worker threads).
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var refined: [(layers: Int, reasons: [String])] = []
        var observer: AnalysisObserver {
            { [self] event in
                if case .refined(_, let layers, _, let reasons) = event { lock.withLock { refined.append((layers, reasons)) } }
            }
        }
        var all: [(layers: Int, reasons: [String])] { lock.withLock { refined } }
    }

    /// One model linted once: its report and the refinement events heard.
    struct Run {
        var report: ModelReport
        var events: [(layers: Int, reasons: [String])]
        var analysis: ModelAnalysis { report.analysis! }
        /// What a verdict is: rule, node, severity and threshold of every finding (values differ with the effort).
        var verdicts: [String] {
            report.findings.map { "\($0.rule.name) \($0.location.name ?? "-") \($0.severity) \(String(describing: $0.threshold))" }
        }
    }

    /// Lints the model file `path` with `yaml` (none: the default preset), figures from the rules unless
    /// `bounds` is given, optionally with a cache in `cacheDirectory`.
    static func lint(
        _ path: String, config yaml: String? = nil, bounds: BoundsSelection? = nil, cacheDirectory: String? = nil
    ) throws -> Run {
        let dir = try FileIO.makeTemporaryDirectory("liplint-refine")
        defer { FileIO.remove(dir) }
        var configFile: String?
        if let yaml {
            configFile = dir + "/liplint.yml"
            try FileIO.write(Array(yaml.utf8), to: configFile!)
        }
        let events = Events()
        var request = LintRequest(
            paths: [path], configFile: configFile,
            analysis: AnalysisOptions(bounds: bounds ?? .standard, jobs: 1), figuresFromRules: bounds == nil,
            observer: events.observer)
        if let cacheDirectory {
            request.cacheLocation = .directory(cacheDirectory)
            request.cacheSecret = AnalysisCacheSecret(bytes: Array(0..<32))
            request.toolIdentity = "refinement test"
        }
        let result = try LintRunner(catalog: AllRules.catalog).run(request)
        let report = try #require(result.reports.first)
        try #require(report.analysis != nil, "\(report.error ?? "")")
        return Run(report: report, events: events.all)
    }

    /// The model written to a fresh directory; the caller removes the directory.
    static func modelFile() throws -> String {
        try RuleTestModels.file(model())
    }

    /// The size-independent figures of a layer, for bit-for-bit comparisons.
    static func sizeIndependent(_ layer: LayerAnalysis) -> String {
        let f = layer.figures
        return [String(reflecting: f.asymptotic), String(reflecting: f.closedForm), String(reflecting: f.fantasticFour),
                String(reflecting: f.gram), String(reflecting: f.reshaped), String(reflecting: f.denseNorm)]
            .joined(separator: " | ")
    }

    static func directory(of path: String) -> String { URL(fileURLWithPath: path).deletingLastPathComponent().path }

    @Test func fastAndStandardDiffer() throws {
        let path = try Self.modelFile()
        defer { FileIO.remove(Self.directory(of: path)) }
        let fast = try Self.lint(path, bounds: .fast).analysis
        let standard = try Self.lint(path, bounds: .standard).analysis
        let f = try #require(fast.layers[1].figures.asymptotic.value)
        let s = try #require(standard.layers[1].figures.asymptotic.value)
        // The model is built so that the fast interval is wider: otherwise the tests below prove less.
        #expect(f.upper > s.upper && f.search?.converged == false, "\(f) \(s)")
        #expect(fast.layers.allSatisfy { $0.effort == .fast && !$0.refined })
        #expect(standard.layers.allSatisfy { $0.effort == .standard && !$0.refined })
    }

    /// The default preset: every upper bound is far below `max: 100`, so nothing is refined and every figure
    /// and the network bound equal `--bounds fast`'s.
    @Test func whenNoVerdictDependsNothingIsRefined() throws {
        let path = try Self.modelFile()
        defer { FileIO.remove(Self.directory(of: path)) }
        let lazy = try Self.lint(path)
        let fast = try Self.lint(path, bounds: .fast).analysis
        #expect(lazy.events.count == 1 && lazy.events.first?.layers == 0)
        #expect(lazy.analysis.layers.allSatisfy { $0.effort == .fast && !$0.refined })
        for (l, f) in zip(lazy.analysis.layers, fast.layers) {
            #expect(Self.sizeIndependent(l) == Self.sizeIndependent(f), "\(l.name)")
        }
        #expect(lazy.analysis.network == fast.network)
        let standard = try Self.lint(path, bounds: .standard)
        #expect(lazy.verdicts == standard.verdicts)
    }

    /// `max` inside the middle conv's fast interval: that layer (and only the layers whose interval holds
    /// it) is refined; its figures equal the standard run's, the others the fast run's; findings equal.
    @Test func aThresholdInsideTheFastIntervalRefinesThatLayer() throws {
        let path = try Self.modelFile()
        defer { FileIO.remove(Self.directory(of: path)) }
        let fast = try Self.lint(path, bounds: .fast).analysis
        let standard = try Self.lint(path, bounds: .standard)
        let interval = try #require(fast.layers[1].figures.asymptotic.value)
        // Between the standard upper bound and the fast one: the fast run alone would report a finding.
        let s = try #require(standard.analysis.layers[1].figures.asymptotic.value)
        let max = (s.upper + interval.upper) / 2
        let yaml = "rules: {layer-spectral-norm: {max: \(max)}}\n"
        let expected = Set(fast.layers.indices.filter { fast.layers[$0].figures.asymptotic.value?.leavesOpen(max) == true })
        #expect(expected.contains(1))

        let lazy = try Self.lint(path, config: yaml)
        let refined = Set(lazy.analysis.layers.indices.filter { lazy.analysis.layers[$0].refined })
        #expect(refined == expected)
        #expect(lazy.events.first?.layers == expected.count)
        #expect(lazy.events.first?.reasons.first?.hasPrefix("layer-spectral-norm: ") == true)
        for (i, layer) in lazy.analysis.layers.enumerated() {
            let reference = refined.contains(i) ? standard.analysis.layers[i] : fast.layers[i]
            #expect(Self.sizeIndependent(layer) == Self.sizeIndependent(reference), "\(layer.name)")
            #expect(layer.effort == (refined.contains(i) ? .standard : .fast))
        }
        let all = try Self.lint(path, config: yaml, bounds: .standard)
        #expect(lazy.verdicts == all.verdicts)
        #expect(!lazy.report.findings.contains { $0.rule.name == "layer-spectral-norm" && $0.location.name == "conv1" })

        // The same threshold set for `conv1` alone by an override: the other layers are not looked at.
        let override = """
            overrides:
              - nodes: ["conv1"]
                rules: {layer-spectral-norm: {max: \(max)}}
            """
        let only = try Self.lint(path, config: override)
        #expect(only.analysis.layers.map(\.refined) == [false, true, false])
    }

    /// A budget below the fast network bound: the critical path is refined, then (still over the budget)
    /// every conv, so the bound and the finding are the standard run's. A budget above it refines nothing.
    @Test func aBudgetBelowTheBoundRefinesUntilTheVerdictIsTheStandardOne() throws {
        let path = try Self.modelFile()
        defer { FileIO.remove(Self.directory(of: path)) }
        let fast = try Self.lint(path, bounds: .fast).analysis
        let standardBound = try #require(try Self.lint(path, bounds: .standard).analysis.network?.outputs.first?.upper)
        let fastBound = try #require(fast.network?.outputs.first?.upper)
        #expect(standardBound < fastBound)

        let tight = "rules: {network-lipschitz-budget: {budget: \(standardBound / 2)}}\n"
        let lazy = try Self.lint(path, config: tight)
        let all = try Self.lint(path, config: tight, bounds: .standard)
        #expect(lazy.analysis.layers.allSatisfy { $0.refined })
        #expect(lazy.analysis.network == all.analysis.network)
        #expect(lazy.verdicts == all.verdicts && lazy.verdicts.count == 1)
        #expect(lazy.report.findings.map(\.message) == all.report.findings.map(\.message))

        // Between the two bounds: the fast bound is over the budget, the standard one within it.
        let between = "rules: {network-lipschitz-budget: {budget: \((standardBound + fastBound) / 2)}}\n"
        let refined = try Self.lint(path, config: between)
        #expect(refined.analysis.layers.contains { $0.refined })
        let betweenStandard = try Self.lint(path, config: between, bounds: .standard)
        #expect(refined.verdicts == betweenStandard.verdicts)
        #expect(refined.verdicts.isEmpty)

        let loose = "rules: {network-lipschitz-budget: {budget: \(fastBound * 2)}}\n"
        let none = try Self.lint(path, config: loose)
        #expect(none.analysis.layers.allSatisfy { !$0.refined } && none.events.first?.layers == 0)
        #expect(none.verdicts.isEmpty)
    }

    /// The cache keeps refined results apart (keyed by the refined layers): a second run reads the refined
    /// figures back as refined, and a run that refines nothing reads the fast ones, as an uncached run would.
    @Test func theCacheKeepsRefinedLayersApart() throws {
        let path = try Self.modelFile()
        let dir = Self.directory(of: path)
        defer { FileIO.remove(dir) }
        let fast = try Self.lint(path, bounds: .fast).analysis
        let interval = try #require(fast.layers[1].figures.asymptotic.value)
        let yaml = "rules: {layer-spectral-norm: {max: \(interval.lower)}}\n"
        let first = try Self.lint(path, config: yaml, cacheDirectory: dir + "/cache")
        #expect(first.analysis.layers[1].refined)
        let second = try Self.lint(path, config: yaml, cacheDirectory: dir + "/cache")
        #expect(second.analysis.layers.map(\.refined) == first.analysis.layers.map(\.refined))
        #expect(second.analysis.layers.map(\.effort) == first.analysis.layers.map(\.effort))
        #expect(second.analysis.layers.map(Self.sizeIndependent) == first.analysis.layers.map(Self.sizeIndependent))
        #expect(second.analysis.network == first.analysis.network)
        #expect(second.events.first?.layers == first.events.first?.layers)
        #expect(second.verdicts == first.verdicts)
        let cachedDefault = try Self.lint(path, cacheDirectory: dir + "/cache")
        let uncachedDefault = try Self.lint(path)
        #expect(cachedDefault.analysis.layers.allSatisfy { $0.effort == .fast && !$0.refined })
        #expect(cachedDefault.analysis.layers.map(Self.sizeIndependent) == uncachedDefault.analysis.layers.map(Self.sizeIndependent))
        #expect(cachedDefault.analysis.network == uncachedDefault.analysis.network)
    }

    /// A rule that reads the Lanczos `exact` figure makes every layer standard from the start.
    @Test func readingTheExactFigureKeepsTheStandardEffort() throws {
        let path = try RuleTestModels.file(RuleTestModels.conv())
        defer { FileIO.remove(Self.directory(of: path)) }
        let run = try Self.lint(path, config: "rules: {layer-spectral-norm: {bound: exact}}\n")
        #expect(run.analysis.layers.allSatisfy { $0.effort == .standard && !$0.refined })
        #expect(run.events.isEmpty)
    }
}
