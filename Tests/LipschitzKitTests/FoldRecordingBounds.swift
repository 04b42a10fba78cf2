import Synchronization
import ONNXModel
import LipschitzKit

/// Wraps per-layer bounds and records every folded-conv certificate the network pass asks for (a conv with an
/// output-channel scale), so tests can compare `NetworkBoundCalculator.foldRequests()` with what the pass
/// really asks. Answers are the wrapped bounds' own.
final class FoldRecordingBounds: LinearLayerBounds {
    private let base: any LinearLayerBounds
    private let asked = Mutex<[String]>([])

    init(_ base: any LinearLayerBounds) { self.base = base }

    /// The recorded requests as sorted keys (see `key(_:)`).
    var requests: [String] { asked.withLock { $0.sorted() } }

    /// One line per request: graph, node index and the exact scale (bit patterns).
    static func key(conv: ConvLayer, scale: [Double]) -> String {
        "\(conv.graph)#\(conv.nodeIndex):" + scale.map { String($0.bitPattern, radix: 16) }.joined(separator: ",")
    }

    static func keys(_ requests: [ConvFoldRequest]) -> [String] { requests.map { key(conv: $0.conv, scale: $0.scale) }.sorted() }

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        if let scale = outputChannelScale { asked.withLock { $0.append(Self.key(conv: conv, scale: scale)) } }
        return try base.upperBound(conv: conv, outputChannelScale: outputChannelScale)
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double { try base.upperBound(dense: dense) }

    func upperBound(circularConv conv: ConvLayer, input: [Int]) throws(LayerBoundUnavailable) -> CircularConvFigure {
        try base.upperBound(circularConv: conv, input: input)
    }

    func upperBound(composedConv conv: ConvLayer) throws(LayerBoundUnavailable) -> Double {
        try base.upperBound(composedConv: conv)
    }

    func upperBound(composedDense dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        try base.upperBound(composedDense: dense)
    }
}
