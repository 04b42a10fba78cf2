import ONNXModel

extension ModelAnalyzer {
    /// Adds what the lint rules read besides the figures: weight statistics per layer, BatchNormalization
    /// scales and node positions (`WeightStatistics`, `BatchNormStatistics`, `NodePosition`). `weights` are the
    /// per-layer weight statistics in layer order (from each layer's `LayerWeightFacts`, or `nil` when
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

    /// `graph` and every subgraph below it, depth first.
    static func allGraphs(_ graph: Graph) -> [Graph] {
        [graph] + graph.subgraphs.flatMap(allGraphs)
    }
}
