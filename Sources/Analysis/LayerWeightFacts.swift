import LipschitzKit
import ONNXModel

/// What a layer's job computes from the layer's weights right after its figures, so that no stage after the
/// figures decodes every weight again on one thread: the lint rules' `WeightStatistics` and, for a FLOAT Conv
/// weight that is an initializer of the conv's graph, its element range for the network pass
/// (`ConstantRanges`; the same range the pass would compute).
struct LayerWeightFacts: Sendable {
    /// `WeightStatistics.compute` of the layer (`nil` as there).
    var statistics: WeightStatistics?
    /// The weight's initializer name, graph path and element range, when the network pass can take it.
    var range: (name: String, graph: String, values: ConstantRange)?

    /// What the facts of every layer of one model need to know about the model and the options.
    struct Context: Sendable {
        /// Per graph path, the initializers a caller may override (IR ≥ 4; see `WeightStatistics`).
        var overridable: [String: Set<String>]
        /// Per graph path, the names of its initializers.
        var initializers: [String: Set<String>]
        /// Whether dense layers get their singular-value range (the size-independent figures are computed).
        var svd: Bool
        var limits: AnalysisLimits

        init(model: Model, options: AnalysisOptions) {
            let graphs = ModelAnalyzer.allGraphs(model.graph)
            var overridable: [String: Set<String>] = [:]
            var initializers: [String: Set<String>] = [:]
            for graph in graphs where initializers[graph.path] == nil {
                let names = Set(graph.initializers.map(\.name))
                initializers[graph.path] = names
                // Looking each layer's weight up in the graph's arrays instead was quadratic in the layer count.
                if model.irVersion >= 4 { overridable[graph.path] = names.intersection(graph.inputs.map(\.name)) }
            }
            self.overridable = overridable
            self.initializers = initializers
            svd = options.bounds.includesSizeIndependent
            limits = options.limits
        }
    }

    /// The facts of `layer`, whose figures are `figures` (a dense layer's exact SVD is reused).
    init(_ layer: LayerAnalysis.Layer, figures: LayerFigures, context: Context) {
        let (statistics, floats) = WeightStatistics.computeKeepingFloats(
            layer, overridable: context.overridable, svd: context.svd, limits: context.limits,
            knownSingularValues: figures.denseNorm.value?.singularValueRange)
        self.statistics = statistics
        if let floats, case .conv(let conv) = layer, context.initializers[conv.graph]?.contains(conv.weightName) == true {
            range = (conv.weightName, conv.graph, ConstantRange(values: floats))
        }
    }
}
