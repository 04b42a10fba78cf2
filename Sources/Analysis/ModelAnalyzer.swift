import Dispatch
import LipschitzKit
import ONNXModel
import SpectralKit

/// Loads a model, resolves its layers and computes every requested figure of every layer.
///
/// Layers are analysed in parallel (`AnalysisOptions.jobs`, default one per core); the result's order does not
/// depend on scheduling. With a `cache`, the figures, weight statistics and network bound of a model already
/// analysed with the same key (`AnalysisCacheKey`) are read back instead of recomputed; the result is the same.
public struct ModelAnalyzer: Sendable {
    public var options: AnalysisOptions
    public var limits: LoadLimits
    /// Where results are looked up and stored; `nil` computes everything and writes nothing.
    public var cache: AnalysisCache?
    /// Told about layer counts, stage timings and the cache's outcome (never about the result itself).
    public var observer: AnalysisObserver?

    public init(
        options: AnalysisOptions = AnalysisOptions(), limits: LoadLimits = LoadLimits(), cache: AnalysisCache? = nil,
        observer: AnalysisObserver? = nil
    ) {
        self.options = options
        self.limits = limits
        self.limits.maxTensorElements = min(limits.maxTensorElements, options.limits.maxTensorElements)
        self.cache = cache
        self.observer = observer
    }

    /// Analyses the model at `path`.
    /// - Throws: `AnalysisError` when the file cannot be read or the input shapes do not fit it. Problems of
    ///   single layers (weights not static, unknown sizes) never throw: the figure says why it is missing.
    public func analyze(path: String) throws(AnalysisError) -> ModelAnalysis {
        let start = ContinuousClock.now
        let model: Model
        do {
            model = try ModelLoader(limits: limits).load(path: path)
        } catch {
            throw .unreadableModel(error, path: path)
        }
        finished(.load, of: model.path, since: start)
        return try analyze(model: model)
    }

    /// Analyses an already loaded model.
    public func analyze(model: Model) throws(AnalysisError) -> ModelAnalysis {
        if options.sizeSpecific && !options.computes(.embedding) {
            throw .sizeSpecificNeedsStandardBounds
        }
        var start = ContinuousClock.now
        let layers: ModelLayers
        do {
            layers = try ModelLayers.extract(from: model, inputShapes: options.inputShapes)
        } catch {
            throw .invalidInputShapes(path: model.path, error)
        }
        var entries: [LayerAnalysis.Layer] = layers.convs.map { .conv($0) } + layers.dense.map { .dense($0) }
        entries = Self.networkOrder(entries)
        finished(.shapes, of: model.path, since: start)
        observer?(.layersFound(model: model.path, count: entries.count))

        let key = cacheKey(for: model)
        let cached = cachedResult(for: model, key: key, entries: entries)
        let analysed: [LayerAnalysis]
        let network: NetworkBound?
        let weights: [WeightStatistics?]?
        if let cached {
            (analysed, network, weights) = (cached.layers, cached.network, nil)
            observer?(.layersDone(model: model.path, count: entries.count))
            start = ContinuousClock.now
        } else {
            start = ContinuousClock.now
            var calculator = LayerFigureCalculator(options: options, layerCount: entries.count)
            calculator.memoryBudget = LayerWorkingMemory.budget(fileSize: model.fileSize)
            let observer = self.observer, path = model.path
            // Each layer's job also computes the facts of its weights (the lint rules' statistics, the ranges
            // the network pass seeds initializers with) while the weights are at hand and the cores are busy
            // anyway, rather than in a stage of its own after the figures.
            let context = LayerWeightFacts.Context(model: model, options: options)
            let results = calculator.figures(for: entries, with: { layer, figures in
                LayerWeightFacts(layer, figures: figures, context: context)
            }) { observer?(.layersDone(model: path, count: 1)) }
            let effort = options.bounds.includesSizeIndependent ? options.effectiveSearchEffort : nil
            analysed = zip(entries, results).map {
                var layer = LayerAnalysis(layer: $0, figures: $1.figures)
                layer.effort = effort
                return layer
            }
            weights = results.map(\.extra.statistics)
            var ranges = ConstantRanges()
            for case let (name, graph, values)? in results.map(\.extra.range) {
                ranges.insert(values, name: name, graph: graph)
            }
            finished(.figures, of: model.path, since: start)
            start = ContinuousClock.now
            network = try networkBound(
                model: model, layers: layers, analysed: analysed, calculator: calculator, knownRanges: ranges)
            finished(.networkBound, of: model.path, since: start)
            start = ContinuousClock.now
        }

        var analysis = ModelAnalysis(
            model: ModelSummary(model: model), inputs: layers.inputs, layers: analysed,
            unsupported: layers.unsupported, network: network, options: options)
        Self.addStatistics(to: &analysis, model: model, weights: weights)
        finished(.statistics, of: model.path, since: start)
        if cached == nil { store(analysis, of: model, key: key) }
        return analysis
    }

    /// The whole-network bound from the analysed layers' certificates; `nil` with `--bounds none`. A conv
    /// with a BatchNormalization folded into it is bounded at its own layer's search effort (`LayerAnalysis.effort`).
    /// `knownRanges`: initializer ranges the layers' jobs computed (`LayerWeightFacts`), so the pass does not
    /// read those weights again.
    func networkBound(
        model: Model, layers: ModelLayers, analysed: [LayerAnalysis], calculator: LayerFigureCalculator,
        knownRanges: ConstantRanges = ConstantRanges()
    ) throws(AnalysisError) -> NetworkBound? {
        guard options.bounds != .none else { return nil }
        let plain = AnalysisLayerBounds(layers: analysed, sizeSpecific: options.sizeSpecific, calculator: calculator)
        let networkOptions = NetworkBoundOptions(
            wrt: options.wrt, inputRanges: options.inputRanges,
            boundUsed: options.sizeSpecific ? .embedding : .asymptotic, sizeSpecific: options.sizeSpecific)
        do {
            // The graph patterns name the convs the pass will ask for with a BatchNormalization (or another
            // per-channel scale) folded in; their bounds are computed in parallel before the pass multiplies them.
            let requests = try NetworkBoundCalculator(model: model, layers: layers, bounds: plain, options: networkOptions)
                .foldRequests()
            let certificates = plain.precomputingFolded(requests)
            var network = try NetworkBoundCalculator(
                model: model, layers: layers, bounds: certificates, options: networkOptions)
            network.knownRanges = knownRanges
            return network.compute()
        } catch {
            throw .invalidNetworkOptions(path: model.path, error)
        }
    }

    /// Tells the observer (if any) that `stage` of the model at `path` took the time since `start`; callers that
    /// run stages around the analyzer (loading, linting) report them through this too.
    public func finished(_ stage: AnalysisStage, of path: String, since start: ContinuousClock.Instant) {
        observer?(.stageFinished(model: path, stage: stage, seconds: (ContinuousClock.now - start).seconds))
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
