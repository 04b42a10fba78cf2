import ONNXModel

extension ModelAnalyzer {
    /// Adds what the lint rules read besides the figures: weight statistics per layer, BatchNormalization
    /// scales and node positions (`WeightStatistics`, `BatchNormStatistics`, `NodePosition`). The weight
    /// statistics only when `weights` (they come from the cache otherwise).
    static func addStatistics(to analysis: inout ModelAnalysis, model: Model, weights: Bool = true) {
        let graphs = Self.allGraphs(model.graph)
        if weights {
            // Per graph, once: the initializers a caller may override (also listed as graph inputs). Looking each
            // layer's weight up in the graph's arrays instead was quadratic in the number of layers.
            var overridable: [String: Set<String>] = [:]
            if model.irVersion >= 4 {
                for graph in graphs where overridable[graph.path] == nil {
                    let inputs = Set(graph.inputs.map(\.name))
                    overridable[graph.path] = Set(graph.initializers.map(\.name).filter { inputs.contains($0) })
                }
            }
            let svd = analysis.options.bounds.includesSizeIndependent
            let limits = analysis.options.limits
            for k in analysis.layers.indices {
                analysis.layers[k].weightStatistics = WeightStatistics.compute(
                    analysis.layers[k].layer, overridable: overridable, svd: svd, limits: limits)
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
