import ONNXModel
import SpectralKit
import LipschitzKit

/// Per-layer figures from SpectralKit's size-independent engine (`SizeIndependentFigures.bestUpper`: the
/// smallest certified upper bound on σ∞ among asymptotic, closed forms, fantasticFour and gram), for the
/// documentation runs of the real models. A ConvTranspose is bounded through the Conv it is the adjoint of;
/// a folded BatchNormalization scales that Conv's output (Conv) or input (ConvTranspose) channels.
struct SpectralLayerBounds: LinearLayerBounds {
    var options: SizeIndependentOptions

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        guard case .constant(let tensor) = conv.weights, var w = try? tensor.doubles() else {
            throw LayerBoundUnavailable("weights not static")
        }
        let shape = conv.weightShape
        guard shape.count == 4 || shape.count == 3, conv.group > 0, shape[0] % conv.group == 0,
            conv.pads.allSatisfy({ $0 >= 0 })
        else { throw LayerBoundUnavailable("unsupported geometry") }
        let kernel = shape.count == 4 ? Size2D(shape[2], shape[3]) : Size2D(1, shape[2])
        let taps = kernel.h * kernel.w
        if let scale = outputChannelScale {
            for index in 0..<w.count {
                let row = index / (shape[1] * taps)
                let column = (index / taps) % shape[1]
                w[index] *= conv.op == .convTranspose ? scale[(row / (shape[0] / conv.group)) * shape[1] + column] : scale[row]
            }
        }
        let spec = ConvolutionSpec(
            weight: w, outChannels: shape[0], inChannelsPerGroup: shape[1], kernel: kernel,
            stride: Size2D(conv.stride[0], conv.stride[1]), dilation: Size2D(conv.dilation[0], conv.dilation[1]),
            pads: Padding(top: conv.pads[0], left: conv.pads[1], bottom: conv.pads[2], right: conv.pads[3]),
            groups: conv.group)
        return SizeIndependentFigures.compute(for: spec, options: options).bestUpper
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        try ClosedFormLayerBounds().upperBound(dense: dense)
    }
}
