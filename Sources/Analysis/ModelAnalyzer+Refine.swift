import ONNXModel

extension ModelAnalyzer {
    /// `analysis` with the size-independent figures of the conv layers at `indices` (into `analysis.layers`)
    /// recomputed at the standard search effort, and the network bound recomputed from the result: the
    /// refinement `check` applies where a fast figure leaves a rule's verdict open.
    ///
    /// A refined layer's size-independent figures equal those of an analysis at the standard effort bit for
    /// bit (`LayerAnalysis.refined` is set); its size-dependent figures are kept (none of them depends on the
    /// effort, except `exact`'s Lanczos start, which a fast-first run never computes). Dense layers, layers
    /// already at the standard effort and indices out of range are skipped; when nothing is left, `analysis`
    /// is returned unchanged. With a cache, the result is looked up and stored under the key of these options
    /// and the set of refined layers (`AnalysisCacheKey.refinedLayers`): a refined layer is never read back
    /// as a fast one, nor a fast one as refined.
    ///
    /// `model` must be the model `analysis` was computed from, with the same `options` as this analyzer.
    /// - Throws: `AnalysisError` only where `analyze(model:)` would have thrown.
    public func refine(_ analysis: ModelAnalysis, of model: Model, layers indices: [Int]) throws(AnalysisError)
        -> ModelAnalysis
    {
        let chosen = Set(indices).sorted().filter { analysis.isRefinable(layer: $0) }
        guard !chosen.isEmpty else { return analysis }
        let start = ContinuousClock.now
        var refined = analysis
        let all = Set(chosen).union(analysis.layers.indices.filter { analysis.layers[$0].refined }).sorted()
        var key: AnalysisCacheKey?
        if cache != nil && !Self.usesExternalData(model) {
            key = AnalysisCacheKey(
                modelSHA256: model.sha256, toolIdentity: cache?.toolIdentity ?? "", options: options, refinedLayers: all)
        }
        if let cached = cachedResult(for: model, key: key, entries: analysis.layers.map(\.layer)) {
            refined.layers = cached.layers
            refined.network = cached.network
            finished(.refine, of: model.path, since: start)
            return refined
        }
        try recompute(&refined, layers: chosen, of: model)
        finished(.refine, of: model.path, since: start)
        store(refined, of: model, key: key)
        return refined
    }

    /// Recomputes the size-independent figures of `layers` (fast convs of `analysis`) at the standard
    /// effort, then the network bound.
    private func recompute(_ analysis: inout ModelAnalysis, layers chosen: [Int], of model: Model) throws(AnalysisError) {
        // Only the size-independent figures are recomputed: `bounds: fast` at the standard effort.
        var standard = options
        standard.bounds = .fast
        standard.searchEffort = .standard
        var calculator = LayerFigureCalculator(options: standard, layerCount: chosen.count)
        calculator.memoryBudget = LayerWorkingMemory.budget(fileSize: model.fileSize)
        let figures = calculator.figures(for: chosen.map { analysis.layers[$0].layer })
        for (i, f) in zip(chosen, figures) {
            analysis.layers[i].figures = analysis.layers[i].figures.replacingSizeIndependent(with: f)
            analysis.layers[i].effort = .standard
            analysis.layers[i].refined = true
        }
        let layers: ModelLayers
        do {
            layers = try ModelLayers.extract(from: model, inputShapes: options.inputShapes)
        } catch {
            throw .invalidInputShapes(path: model.path, error)
        }
        // A conv the network pass composes (not a node) is bounded at the standard effort once every conv is.
        var networkOptions = options
        let convs = analysis.layers.filter { if case .conv = $0.layer { true } else { false } }
        if convs.allSatisfy({ $0.effort == .standard }) { networkOptions.searchEffort = .standard }
        var networkCalculator = LayerFigureCalculator(options: networkOptions, layerCount: analysis.layers.count)
        networkCalculator.memoryBudget = calculator.memoryBudget
        analysis.network = try networkBound(
            model: model, layers: layers, analysed: analysis.layers, calculator: networkCalculator)
    }
}
