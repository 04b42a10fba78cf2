import LipschitzKit
import ONNXModel

/// A conv whose bound the network pass wants with a BatchNormalization folded into it.
struct FoldRequest: Sendable {
    var conv: ConvLayer
    var scale: [Double]
}

/// A `LinearLayerBounds` that answers from the plain figures and records every folded-conv request, so that
/// the folded bounds can be computed in parallel before the real pass. The pass it serves is thrown away.
final class FoldRequestRecorder: LinearLayerBounds, @unchecked Sendable {
    // Safe: the network pass calls it from one thread; `requests` is read after the pass returns.
    private let base: AnalysisLayerBounds
    private(set) var requests: [FoldRequest] = []

    init(base: AnalysisLayerBounds) { self.base = base }

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        if let scale = outputChannelScale { requests.append(FoldRequest(conv: conv, scale: scale)) }
        return try base.upperBound(conv: conv, outputChannelScale: nil)
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        try base.upperBound(dense: dense)
    }

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
