import LipschitzKit

/// The expensive part of one model's analysis, as a cache entry stores it: each layer's figures and weight
/// statistics (the dense SVD) and the network bound. Everything else of a `ModelAnalysis` (the model summary
/// with its path, the resolved layers and inputs, BatchNormalization scales, node positions) is cheap and is
/// always recomputed from the loaded model.
struct AnalysisCacheRecord: Codable, Sendable {
    /// One layer, with the identity it is matched by on a hit.
    struct Layer: Codable, Sendable {
        var graph: String
        var nodeIndex: Int
        var name: String
        var op: String
        var figures: LayerFigures
        var weightStatistics: WeightStatistics?
        /// The search effort of the size-independent figures, and whether they were refined: part of what
        /// the entry stores, so that a refined layer is never taken for a fast one.
        var effort: SearchEffort?
        var refined: Bool?
    }

    /// In network order, as `ModelAnalysis.layers`.
    var layers: [Layer]
    var network: NetworkBound?

    init(layers: [LayerAnalysis], network: NetworkBound?) {
        self.layers = layers.map {
            Layer(graph: $0.graph, nodeIndex: $0.nodeIndex, name: $0.name, op: $0.op, figures: $0.figures,
                  weightStatistics: $0.weightStatistics, effort: $0.effort, refined: $0.refined)
        }
        self.network = network
    }

    /// The analysed layers for the freshly resolved `layers` (network order), or `nil` when the record does not
    /// describe exactly these layers (then it is not trusted).
    func analysed(_ layers: [LayerAnalysis.Layer]) -> [LayerAnalysis]? {
        guard layers.count == self.layers.count else { return nil }
        var analysed: [LayerAnalysis] = []
        analysed.reserveCapacity(layers.count)
        for (layer, stored) in zip(layers, self.layers) {
            var entry = LayerAnalysis(layer: layer, figures: stored.figures)
            guard entry.graph == stored.graph, entry.nodeIndex == stored.nodeIndex, entry.name == stored.name,
                  entry.op == stored.op
            else { return nil }
            entry.weightStatistics = stored.weightStatistics
            entry.effort = stored.effort
            entry.refined = stored.refined ?? false
            analysed.append(entry)
        }
        return analysed
    }
}
