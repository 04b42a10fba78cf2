import ONNXModel

extension ChannelSums {
    /// The sums of a conv's constant weights (Conv and ConvTranspose layouts); `nil` when the weights are not
    /// static or their shape does not match the layer. A Conv's finite FLOAT weights are read as `Float` and
    /// widened one by one (exactly): the same sums as decoding them to `Double` first, without that copy.
    init?(weightsOf layer: ConvLayer) {
        let shape = layer.weightShape
        guard case .constant(let tensor) = layer.weights, shape.count >= 3, layer.group > 0,
            shape[0] % layer.group == 0
        else { return nil }
        let taps = shape.dropFirst(2).reduce(1, *)
        let g = layer.group
        if layer.op != .convTranspose, tensor.elementType == .float {
            guard let w = try? tensor.floats(), w.count == shape.reduce(1, *) else { return nil }
            if w.allSatisfy(\.isFinite) {
                // Weight (cout, cin/g, k...): the taps of each (o, iLocal) pair are contiguous, pair after pair.
                self.init(outChannels: shape[0], inPerGroup: shape[1], groups: g, taps: taps, contiguous: w)
                return
            }
        }
        guard let w = try? tensor.doubles(), w.count == shape.reduce(1, *) else { return nil }
        if layer.op == .convTranspose {
            // Weight (cin, cout/g, k...): output channel o = group·(cout/g) + oLocal reads input channels of
            // its group, w[group·(cin/g) + iLocal, oLocal, t].
            let outPerGroup = shape[1]
            let inPerGroup = shape[0] / g
            self.init(outChannels: outPerGroup * g, inPerGroup: inPerGroup, groups: g, taps: taps) { o, i, t in
                let group = o / outPerGroup
                return w[((group * inPerGroup + i) * outPerGroup + o % outPerGroup) * taps + t]
            }
        } else {
            let inPerGroup = shape[1]
            self.init(outChannels: shape[0], inPerGroup: inPerGroup, groups: g, taps: taps) { o, i, t in
                w[(o * inPerGroup + i) * taps + t]
            }
        }
    }
}
