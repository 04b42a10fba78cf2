import Dispatch
import LipschitzKit
import ONNXModel
import SpectralKit

/// Loads a model, resolves its layers and computes every requested figure of every layer.
///
/// Layers are analysed in parallel (`AnalysisOptions.jobs`, default one per core); the result's order does not
/// depend on scheduling.
public struct ModelAnalyzer: Sendable {
    public var options: AnalysisOptions
    public var limits: LoadLimits

    public init(options: AnalysisOptions = AnalysisOptions(), limits: LoadLimits = LoadLimits()) {
        self.options = options
        self.limits = limits
    }

    /// Analyses the model at `path`.
    /// - Throws: `AnalysisError` when the file cannot be read or the input shapes do not fit it. Problems of
    ///   single layers (weights not static, unknown sizes) never throw: the figure says why it is missing.
    public func analyze(path: String) throws(AnalysisError) -> ModelAnalysis {
        let model: Model
        do {
            model = try ModelLoader(limits: limits).load(path: path)
        } catch {
            throw .unreadableModel(error)
        }
        return try analyze(model: model)
    }

    /// Analyses an already loaded model.
    public func analyze(model: Model) throws(AnalysisError) -> ModelAnalysis {
        if options.sizeSpecific && !options.bounds.includesSizeDependent {
            throw .sizeSpecificNeedsStandardBounds
        }
        let layers: ModelLayers
        do {
            layers = try ModelLayers.extract(from: model, inputShapes: options.inputShapes)
        } catch {
            throw .invalidInputShapes(path: model.path, error)
        }
        var entries: [LayerAnalysis.Layer] = layers.convs.map { .conv($0) } + layers.dense.map { .dense($0) }
        entries = Self.networkOrder(entries)
        let calculator = LayerFigureCalculator(options: options, layerCount: entries.count)
        let figures = calculator.figures(for: entries)
        let analysed = zip(entries, figures).map { LayerAnalysis(layer: $0, figures: $1) }
        var network: NetworkBound?
        if options.bounds != .none {
            let plain = AnalysisLayerBounds(
                layers: analysed, sizeSpecific: options.sizeSpecific, calculator: calculator)
            let networkOptions = NetworkBoundOptions(
                wrt: options.wrt, inputRanges: options.inputRanges,
                boundUsed: options.sizeSpecific ? .embedding : .asymptotic, sizeSpecific: options.sizeSpecific)
            do {
                // A first pass only records which convs get a BatchNormalization folded in; their bounds are
                // then computed in parallel, and the second pass multiplies them.
                let recorder = FoldRequestRecorder(base: plain)
                _ = try NetworkBoundCalculator(model: model, layers: layers, bounds: recorder, options: networkOptions)
                    .compute()
                let certificates = plain.precomputingFolded(recorder.requests)
                network = try NetworkBoundCalculator(
                    model: model, layers: layers, bounds: certificates, options: networkOptions
                ).compute()
            } catch {
                throw .invalidNetworkOptions(path: model.path, error)
            }
        }
        var analysis = ModelAnalysis(
            model: ModelSummary(model: model), inputs: layers.inputs, layers: analysed,
            unsupported: layers.unsupported, network: network, options: options)
        Self.addStatistics(to: &analysis, model: model)
        return analysis
    }

    /// Main graph first, then subgraphs by path; within a graph by node position.
    static func networkOrder(_ layers: [LayerAnalysis.Layer]) -> [LayerAnalysis.Layer] {
        func key(_ layer: LayerAnalysis.Layer) -> (Int, String, Int) {
            switch layer {
            case .conv(let c): return (c.graph == "main" ? 0 : 1, c.graph, c.nodeIndex)
            case .dense(let d): return (d.graph == "main" ? 0 : 1, d.graph, d.nodeIndex)
            }
        }
        return layers.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            if ka != kb { return ka < kb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
