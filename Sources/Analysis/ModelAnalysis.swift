import LipschitzKit
import ONNXModel
import SpectralKit

/// The result of analysing one model: what `liplint inspect` prints and what the linter reads.
///
/// A plain value, computed once; reporters and rules only read it.
public struct ModelAnalysis: Sendable {
    public var model: ModelSummary
    /// The main graph's run-time inputs with the shapes the analysis used.
    public var inputs: [ResolvedInput]
    /// Conv and dense layers in network order (graph path, then node position).
    public var layers: [LayerAnalysis]
    /// Conv-like nodes that are not analysed, with the reason.
    public var unsupported: [UnsupportedLayer]
    /// The whole-network Lipschitz bound (docs/spectral-methods §6); `nil` with `--bounds none`.
    public var network: NetworkBound?
    public var options: AnalysisOptions
    /// Every BatchNormalization node with its largest channel scale (for `batchnorm-scale`).
    public var batchNorms: [BatchNormStatistics] = []
    /// Every node's graph and index by name (subgraph nodes as `graph/name`), for findings about any node.
    public var nodePositions: [String: NodePosition] = [:]

    /// Whether `index` names a layer that refining can change (`LayerAnalysis.isRefinable`).
    public func isRefinable(layer index: Int) -> Bool {
        layers.indices.contains(index) && layers[index].isRefinable
    }

    public init(
        model: ModelSummary, inputs: [ResolvedInput], layers: [LayerAnalysis], unsupported: [UnsupportedLayer],
        network: NetworkBound? = nil, options: AnalysisOptions
    ) {
        self.model = model
        self.inputs = inputs
        self.layers = layers
        self.unsupported = unsupported
        self.network = network
        self.options = options
    }
}

/// The identity and provenance of an analysed model file.
public struct ModelSummary: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var irVersion: Int64
    public var producerName: String
    public var producerVersion: String
    /// Operator sets by domain (`"ai.onnx"` for the default domain).
    public var opsets: [String: Int64]
    /// `metadata_props` in file order (the linter reads `liplint:ignore` from here).
    public var metadata: [MetadataEntry]

    public init(model: Model) {
        path = model.path
        sha256 = model.sha256
        irVersion = model.irVersion
        producerName = model.producerName
        producerVersion = model.producerVersion
        opsets = model.opsets
        metadata = model.metadata
    }
}

/// One analysed layer: its resolved geometry and its spectral figures.
public struct LayerAnalysis: Sendable {
    public enum Layer: Sendable {
        case conv(ConvLayer)
        case dense(DenseLayer)
    }

    public var layer: Layer
    public var figures: LayerFigures
    /// Non-finite values, per-output-channel norms and the like; `nil` when the weight is not static.
    public var weightStatistics: WeightStatistics? = nil
    /// The search effort the size-independent figures were computed at; `nil` when none were (`--bounds none`).
    public var effort: SearchEffort? = nil
    /// Whether they were recomputed at the standard effort after a fast pass left a rule's verdict open
    /// (`ModelAnalyzer.refine`): then `effort` is `standard` and the figures equal a standard run's.
    public var refined = false

    /// Whether recomputing the size-independent figures at the standard effort can change anything
    /// (`ModelAnalyzer.refine`): a conv layer computed at the fast effort.
    public var isRefinable: Bool {
        guard case .conv = layer else { return false }
        return effort == .fast
    }

    public init(layer: Layer, figures: LayerFigures) {
        self.layer = layer
        self.figures = figures
    }

    /// The node name (or generated name) of the layer.
    public var name: String {
        switch layer {
        case .conv(let c): return c.name
        case .dense(let d): return d.name
        }
    }

    public var nodeIndex: Int {
        switch layer {
        case .conv(let c): return c.nodeIndex
        case .dense(let d): return d.nodeIndex
        }
    }

    public var graph: String {
        switch layer {
        case .conv(let c): return c.graph
        case .dense(let d): return d.graph
        }
    }

    /// The ONNX operator name.
    public var op: String {
        switch layer {
        case .conv(let c): return c.op.rawValue
        case .dense(let d): return d.op.rawValue
        }
    }
}
