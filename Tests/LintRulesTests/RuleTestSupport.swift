import Analysis
import Foundation
import LintCore
import LintRules
import ONNXModel
import SpectralKit
import Testing
import TestSupport

/// Lints models (files or hand-made analyses) with one rule selected.
enum RuleTest {
    /// Findings of `rule` on the model `bytes`, with an optional YAML configuration.
    static func findings(
        _ rule: String, model bytes: [UInt8], config yaml: String? = nil, bounds: BoundsSelection = .none
    ) throws -> [Finding] {
        let path = try RuleTestModels.file(bytes)
        defer { FileIO.remove(URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let analysis = try ModelAnalyzer(options: AnalysisOptions(bounds: bounds, jobs: 1)).analyze(path: path)
        return try findings(rule, analysis: analysis, config: yaml)
    }

    /// Findings of `rule` on a hand-made analysis.
    static func findings(_ rule: String, analysis: ModelAnalysis, config yaml: String? = nil) throws -> [Finding] {
        try linter(rule, config: yaml).findings(for: analysis, fingerprintPath: "m.onnx")
    }

    /// Findings of the diff rule `rule` comparing the hand-made analyses `old` and `new`.
    static func findings(_ rule: String, old: ModelAnalysis, new: ModelAnalysis, config yaml: String? = nil) throws -> [Finding] {
        try linter(rule, config: yaml).findings(for: ModelDiff(old: old, new: new), fingerprintPath: "m.onnx")
    }

    /// A linter of every shipped rule with only `rule` selected, under the default preset or `yaml`.
    static func linter(_ rule: String, config yaml: String?) throws -> Linter {
        let configuration = try self.configuration(yaml, settings: CommandLineSettings(select: [rule]))
        return Linter(catalog: AllRules.catalog, configuration: configuration)
    }

    /// The default preset, or the configuration `yaml` (written to a temporary `liplint.yml`), with `settings`.
    static func configuration(_ yaml: String?, settings: CommandLineSettings = CommandLineSettings()) throws -> Configuration {
        let catalog = AllRules.catalog
        var configuration = try ConfigurationLoader(catalog: catalog).defaultConfiguration()
        if let yaml {
            let dir = try FileIO.makeTemporaryDirectory("liplint-config")
            defer { FileIO.remove(dir) }
            try FileIO.write(Array(yaml.utf8), to: dir + "/liplint.yml")
            configuration = try ConfigurationLoader(catalog: catalog).load(file: dir + "/liplint.yml")
        }
        return try settings.apply(to: configuration, catalog: catalog)
    }

    /// An analysis of one layer with the given figures (no numerics involved).
    static func analysis(_ layers: [LayerAnalysis]) -> ModelAnalysis {
        let graph = Graph(path: "main", name: "g", nodes: [], initializers: [], inputs: [], outputs: [], valueInfo: [])
        let model = Model(
            path: "m.onnx", sha256: "", irVersion: 8, producerName: "", producerVersion: "", opsets: [:],
            metadata: [], graph: graph)
        return ModelAnalysis(
            model: ModelSummary(model: model), inputs: [], layers: layers, unsupported: [], options: AnalysisOptions())
    }

    /// A 3×3 stride-`stride` conv layer named `name` with `figures`.
    static func convLayer(_ name: String, stride: Int = 1, figures: LayerFigures) -> LayerAnalysis {
        let conv = ConvLayer(
            name: name, nodeIndex: 0, graph: "main", op: .conv, weightName: "w", weights: .notStatic(reason: "test"),
            weightShape: [4, 4, 3, 3], spatialRank: 2, kernel: [3, 3], stride: [stride, stride], dilation: [1, 1],
            pads: [1, 1, 1, 1], group: 1, outputPadding: [0, 0], inputSize: [8, 8], outputSize: [8, 8],
            inputChannels: 4, outputChannels: 4, quantized: false, integerUnits: false)
        return LayerAnalysis(layer: .conv(conv), figures: figures)
    }

    /// A computed `asymptotic` figure enclosing `σ∞` in `[0.999·upper, upper]`.
    static func asymptotic(_ upper: Double) -> FigureValue<LayerFigures.Asymptotic> {
        .computed(.init(lower: upper * 0.999, upper: upper))
    }

    /// A converged `exact` figure of norm `value`.
    static func exact(_ value: Double) -> FigureValue<LayerFigures.Exact> {
        .computed(.init(value: value, lower: value, iterations: 1, tolerance: 1e-6, converged: true))
    }

    /// A computed `embedding` figure with bound `upper`.
    static func embedding(_ upper: Double) -> FigureValue<LayerFigures.Embedding> {
        .computed(.init(upper: upper, grid: Size2D(8, 8)))
    }

    /// A computed `circulant` figure with extremes `max` and `min`.
    static func circulant(max: Double, min: Double) -> FigureValue<LayerFigures.Circulant> {
        .computed(.init(max: max, min: min, grid: Size2D(8, 8)))
    }
}
