import ONNXModel

extension ModelAnalyzer {
    /// Adds what the lint rules read besides the figures: weight statistics per layer, BatchNormalization
    /// scales and node positions (`WeightStatistics`, `BatchNormStatistics`, `NodePosition`). The weight
    /// statistics only when `weights` (they come from the cache otherwise).
    static func addStatistics(to analysis: inout ModelAnalysis, model: Model, weights: Bool = true) {
        let graphs = Self.allGraphs(model.graph)
        if weights {
            let byPath = Dictionary(graphs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            let svd = analysis.options.bounds.includesSizeIndependent
            for k in analysis.layers.indices {
                analysis.layers[k].weightStatistics = WeightStatistics.compute(
                    analysis.layers[k].layer, model: model, graphs: byPath, svd: svd)
            }
        }
        analysis.batchNorms = BatchNormStatistics.compute(graphs: graphs)
        analysis.nodePositions = NodePosition.positions(in: graphs)
    }

    /// `graph` and every subgraph below it, depth first.
    static func allGraphs(_ graph: Graph) -> [Graph] {
        [graph] + graph.subgraphs.flatMap(allGraphs)
    }
}
