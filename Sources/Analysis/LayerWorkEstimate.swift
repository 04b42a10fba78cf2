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
        // The size-dependent figures at the input size `n1 × n2`: Lanczos steps (about 150, each a product
        // with the operator and its adjoint, `4·weights·m1·m2` flops; none for a 1×1 kernel, whose `exact`
        // figure is an SVD), and per frequency of the `embedding` grid (`⌈(n + pads)/s⌉ + ⌈k/s⌉ − 1` per axis)
        // and of the `circulant` grid (`n/s`), half of each by symmetry, a Gram matrix of the polyphase symbol
        // and its Cholesky screen, about `4·n²·m + 4·n³` (measured: within a factor of 2 on the ResNet-50-shaped
        // layers, where the stride-2 512-channel conv is the most expensive layer of all).
        // 4·weights·m1·m2 per Lanczos step: 2 flops per multiply-add, forward and adjoint.
        if sizeDependent, let size = layer.inputSize, size.count == 2, layer.pads.count == 4 {
            let (n1, n2) = (Double(max(0, size[0])), Double(max(0, size[1])))
            let outputArea = (n1 / sh).rounded(.up) * (n2 / sw).rounded(.up)
            let weights = shape.reduce(1.0) { $0 * Double($1) }
            let pointwise = layer.kernel[0] == 1 && layer.kernel[1] == 1
            if !pointwise { work += 150 * 4 * weights * outputArea }
            let pads = layer.pads.map { Double(min(max($0, 0), 1 << 20)) }
            let gridH = ((n1 + pads[0] + pads[2]) / sh).rounded(.up) + (kh / sh).rounded(.up) - 1
            let gridW = ((n2 + pads[1] + pads[3]) / sw).rounded(.up) + (kw / sw).rounded(.up) - 1
            let frequencies = gridH * (gridW / 2 + 1) + (n1 / sh).rounded(.down) * ((n2 / sw / 2).rounded(.down) + 1)
            let full = Double(shape[1]) * sh * sw  // every polyphase phase
            let (a, b) = (min(rows, full), max(rows, full))
            if !pointwise { work += Double(layer.group) * frequencies * (4 * a * a * b + 4 * a * a * a) }
            // A 1×1 kernel: three SVDs of its weight matrix (`exact`, `embedding`, `circulant`), `4·m·n²` flops
            // each, counted 3 times: LAPACK's SVD runs at about a third of the operator's `dgemm` speed
            // (measured on the 2048 × 1024 downsample: 0.5 s per SVD against ~40 GFLOP/s for `dgemm`).
            let (c, d) = (min(rows, Double(shape[1])), max(rows, Double(shape[1])))
            if pointwise { work += 3 * Double(layer.group) * 3 * 4 * d * c * c }
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
