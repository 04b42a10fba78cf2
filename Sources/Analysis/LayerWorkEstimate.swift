import ONNXModel

/// A rough estimate, in flops, of the work of one layer's figures, from the layer's geometry alone (nothing
/// is decoded). Used only to order the layers: the most expensive start first, so that the cheap ones fill
/// the workers at the end instead of one large layer finishing last on a single thread. Not a measurement
/// and not a bound.
struct LayerWorkEstimate {
    var bounds: BoundsSelection
    /// Whether any size-dependent figure is computed.
    var sizeDependent: Bool

    /// `sizeDependent` defaults to what `bounds` includes.
    init(bounds: BoundsSelection, sizeDependent: Bool? = nil) {
        self.bounds = bounds
        self.sizeDependent = sizeDependent ?? bounds.includesSizeDependent
    }

    /// The estimate for `layer` (0 when no figure is computed or the geometry is unusable).
    func flops(_ layer: LayerAnalysis.Layer) -> Double {
        guard bounds != .none else { return 0 }
        switch layer {
        case .conv(let conv): return convFlops(conv)
        case .dense(let dense):
            guard dense.weightShape.count == 2 else { return 0 }
            // An SVD of the weight.
            let (r, c) = (Double(max(0, dense.weightShape[0])), Double(max(0, dense.weightShape[1])))
            return 4 * r * c * min(r, c)
        }
    }

    private func convFlops(_ layer: ConvLayer) -> Double {
        let shape = layer.weightShape
        guard shape.count >= 3, shape.allSatisfy({ $0 > 0 }), layer.group > 0,
            LayerWorkingMemory.usableGeometry(layer)
        else { return 0 }
        let (sh, sw) = (Double(max(1, layer.stride[0])), Double(max(1, layer.stride[1])))
        let kh = Double(max(0, layer.kernel[0] - 1) * max(1, layer.dilation[0]) + 1)
        let kw = Double(max(0, layer.kernel[1] - 1) * max(1, layer.dilation[1]) + 1)
        let strided = sh > 1 || sw > 1
        // The size-independent figures work on the (polyphase) kernel of each group: per tap a `cout × cin`
        // matrix, whose norms, symbol evaluations and Gram matrices cost about `n²·m` flops each
        // (`n`, `m` its smaller and larger side).
        // `CompactKernel` drops the polyphase channels no tap lands on (e.g. 3 of 4 for a 1×1 stride-2 conv).
        let taps = strided
            ? ((kh + sh - 1) / sh).rounded(.down) * ((kw + sw - 1) / sw).rounded(.down)
            : Double(layer.kernel[0] * layer.kernel[1])
        let phases = LayerWorkingMemory.phases(layer.kernel[0], layer.dilation[0], layer.stride[0])
            * LayerWorkingMemory.phases(layer.kernel[1], layer.dilation[1], layer.stride[1])
        let rows = Double(shape[0] / layer.group), cols = Double(shape[1]) * Double(phases)
        let (n, m) = (min(rows, cols), max(rows, cols))
        var work = Double(layer.group) * taps * (n * n * m + 10 * n * n * n)
        // The size-dependent figures: products with the operator at the input size (Lanczos steps).
        if sizeDependent, let size = layer.inputSize, size.count == 2 {
            let area = Double(max(0, size[0])) * Double(max(0, size[1]))
            work += 100 * 2 * shape.reduce(1.0) { $0 * Double($1) } * area / (sh * sw)
        }
        return work
    }

    /// The indices of `layers` in the order they should start: those whose `cost` exceeds `budget` first
    /// (they run alone, and running them while nothing else is in progress wastes no worker), then the rest;
    /// each part most expensive first, ties in input order.
    func startOrder(_ layers: [LayerAnalysis.Layer], cost: (LayerAnalysis.Layer) -> Int, budget: Int) -> [Int] {
        let work = layers.map(flops)
        let alone = layers.map { cost($0) > budget }
        return layers.indices.sorted {
            if alone[$0] != alone[$1] { return alone[$0] }
            return work[$0] != work[$1] ? work[$0] > work[$1] : $0 < $1
        }
    }
}
