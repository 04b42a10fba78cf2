import ONNXModel
import SpectralKit

/// How a resolved ONNX conv layer maps onto SpectralKit's canonical `ConvolutionSpec`.
struct ConvOperatorMapping: Sendable {
    /// The Conv whose singular values are the layer's.
    var spec: ConvolutionSpec
    /// The input size that Conv acts on: the layer's input size for Conv, its *output* size for
    /// ConvTranspose (the adjoint acts there). `nil` when unknown.
    var operatorInputSize: Size2D?

    /// Maps `layer` with its decoded weights (`weights` in ONNX layout, `layer.weightShape`).
    /// - Throws: `FigureUnavailable` when the geometry cannot be represented (inconsistent shapes).
    init(layer: ConvLayer, weights: [Double]) throws(FigureUnavailable) {
        let shape = layer.weightShape
        guard shape.count == 3 || shape.count == 4 else {
            throw FigureUnavailable("weight has \(shape.count) dims; a 1-D or 2-D conv needs 3 or 4")
        }
        let spatial = shape.count == 4 ? Size2D(shape[2], shape[3]) : Size2D(1, shape[2])
        guard layer.kernel.count == 2, spatial == Size2D(layer.kernel[0], layer.kernel[1]) else {
            throw FigureUnavailable("kernel_shape \(layer.kernel) does not match the weight's \(spatial)")
        }
        guard layer.stride.count == 2, layer.dilation.count == 2, layer.pads.count == 4 else {
            throw FigureUnavailable("geometry is not 2-D")
        }
        guard (layer.stride + layer.dilation).allSatisfy({ $0 > 0 }) else {
            throw FigureUnavailable("strides \(layer.stride) and dilations \(layer.dilation) must be positive")
        }
        guard weights.count == shape.reduce(1, *), shape.allSatisfy({ $0 > 0 }) else {
            throw FigureUnavailable("weight has no elements")
        }
        guard layer.pads.allSatisfy({ $0 >= 0 }) else {
            throw FigureUnavailable("negative pads \(layer.pads) (cropping) are not supported")
        }
        // Conv weight (cout, cin/g, k...) is used as is. ConvTranspose weight (cin, cout/g, k...) is, read as a
        // Conv weight, the Conv from cout to cin channels whose adjoint the ConvTranspose is (spectral-methods §1).
        guard layer.group > 0, shape[0] % layer.group == 0 else {
            throw FigureUnavailable("weight's first dim \(shape[0]) is not divisible by group \(layer.group)")
        }
        spec = ConvolutionSpec(
            weight: weights, outChannels: shape[0], inChannelsPerGroup: shape[1], kernel: spatial,
            stride: Size2D(layer.stride[0], layer.stride[1]), dilation: Size2D(layer.dilation[0], layer.dilation[1]),
            pads: Padding(top: layer.pads[0], left: layer.pads[1], bottom: layer.pads[2], right: layer.pads[3]),
            groups: layer.group)
        let size = layer.op == .convTranspose ? layer.outputSize : layer.inputSize
        operatorInputSize = size.flatMap { $0.count == 2 && $0[0] > 0 && $0[1] > 0 ? Size2D($0[0], $0[1]) : nil }
    }
}

/// Why one figure of one layer is missing; becomes the figure's `reason`.
struct FigureUnavailable: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension ConvOperatorMapping {
    /// The mapping of a layer whose weights are static, readable and finite; otherwise the reason there is
    /// none. The one place both the layer's own figures and the BN-folded network certificates start from.
    init(layer: ConvLayer, limits: AnalysisLimits) throws(FigureUnavailable) {
        guard case .constant(let tensor) = layer.weights else {
            if case .notStatic(let reason) = layer.weights { throw FigureUnavailable("weights not static: \(reason)") }
            throw FigureUnavailable("weights not static")
        }
        if let reason = limits.weightRefusal(shape: tensor.dims) { throw FigureUnavailable(reason) }
        let weights: [Double]
        do {
            weights = try tensor.doubles()
        } catch {
            throw FigureUnavailable("weights unreadable: \(error.description)")
        }
        if let reason = AnalysisLimits.valueRefusal(weights) { throw FigureUnavailable(reason) }
        try self.init(layer: layer, weights: weights)
    }

    /// The same operator with output channel `c` of the *layer* multiplied by `scale[c]` (a folded
    /// BatchNormalization). For a Conv these are the weight's first axis; for a ConvTranspose, the layer's
    /// output channels are the columns of each group's weight block (`[cin, cout/g, kh, kw]`), i.e. the spec's
    /// input channels. `nil` when `scale` has the wrong length.
    func scalingOutputChannels(by scale: [Double], transposed: Bool) -> ConvOperatorMapping? {
        var copy = self
        let s = spec
        let taps = s.kernel.product
        if !transposed {
            guard scale.count == s.outChannels else { return nil }
            let perOutput = s.inChannelsPerGroup * taps
            var w = s.weight
            for o in 0..<s.outChannels {
                for k in 0..<perOutput { w[o * perOutput + k] *= scale[o] }
            }
            copy.spec.weight = w
        } else {
            // Layer output channel = g·(cout/g) + j, stored at weight[(c, j, ...)] for the c of group g.
            guard scale.count == s.inChannelsPerGroup * s.groups else { return nil }
            let perGroupRows = s.outChannels / s.groups
            var w = s.weight
            for c in 0..<s.outChannels {
                let g = c / perGroupRows
                for j in 0..<s.inChannelsPerGroup {
                    let factor = scale[g * s.inChannelsPerGroup + j]
                    let base = (c * s.inChannelsPerGroup + j) * taps
                    for k in 0..<taps { w[base + k] *= factor }
                }
            }
            copy.spec.weight = w
        }
        return copy
    }
}
