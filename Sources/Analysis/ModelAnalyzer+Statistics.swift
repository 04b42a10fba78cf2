import ONNXModel

extension ModelAnalyzer {
    /// Adds what the lint rules read besides the figures: weight statistics per layer, BatchNormalization
    /// scales and node positions (`WeightStatistics`, `BatchNormStatistics`, `NodePosition`). `weights` are the
    /// per-layer weight statistics in layer order (from `weightStatistics(of:model:options:)`, or `nil` when
    /// they came from the cache with the figures).
    static func addStatistics(to analysis: inout ModelAnalysis, model: Model, weights: [WeightStatistics?]?) {
        if let weights {
            precondition(weights.count == analysis.layers.count, "one weight statistic per layer")
            for k in analysis.layers.indices { analysis.layers[k].weightStatistics = weights[k] }
        }
        let graphs = Self.allGraphs(model.graph)
        analysis.batchNorms = BatchNormStatistics.compute(graphs: graphs)
        analysis.nodePositions = NodePosition.positions(in: graphs)
    }

    /// The weight statistics of each of `layers` (in order). A dense layer whose figures already hold the
    /// exact SVD's singular-value range takes it from there instead of running the same SVD again.
    static func weightStatistics(
        of layers: [LayerAnalysis], model: Model, options: AnalysisOptions
    ) -> [WeightStatistics?] {
        // Per graph, once: the initializers a caller may override (also listed as graph inputs). Looking each
        // layer's weight up in the graph's arrays instead was quadratic in the number of layers.
        var overridable: [String: Set<String>] = [:]
        if model.irVersion >= 4 {
            for graph in allGraphs(model.graph) where overridable[graph.path] == nil {
                let inputs = Set(graph.inputs.map(\.name))
                overridable[graph.path] = Set(graph.initializers.map(\.name).filter { inputs.contains($0) })
            }
        }
        let svd = options.bounds.includesSizeIndependent
        return layers.map { layer in
            WeightStatistics.compute(
                layer.layer, overridable: overridable, svd: svd, limits: options.limits,
                knownSingularValues: layer.figures.denseNorm.value?.singularValueRange)
        }
    }

    /// `graph` and every subgraph below it, depth first.
    static func allGraphs(_ graph: Graph) -> [Graph] {
        [graph] + graph.subgraphs.flatMap(allGraphs)
    }
}
