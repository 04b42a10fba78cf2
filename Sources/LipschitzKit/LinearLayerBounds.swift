import ONNXModel

/// The per-layer certificates the network pass multiplies: a certified *upper* bound on the spectral norm of
/// each linear layer (never a Lanczos estimate). Provided by the caller (the `Analysis` target computes them
/// with SpectralKit), so this target never re-implements spectral numerics.
public protocol LinearLayerBounds: Sendable {
    /// A certified upper bound on `‖T‖₂` of `conv`, with its output channels scaled by `outputChannelScale`
    /// when given (a BatchNormalization folded into the conv: `γ/√(var+ε)` per output channel). For a
    /// ConvTranspose the bound is of the ConvTranspose itself. Throws `LayerBoundUnavailable` with a reason
    /// when there is none (weights not static, unsupported geometry).
    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double

    /// A certified upper bound on `|alpha|·‖W‖₂` of a dense layer.
    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double

    /// A certified upper bound on `‖T‖₂` of `conv` applied with wrap-around padding to an input of spatial
    /// size `input` (H, W): the circular convolution on that torus (spectral-methods §7.2), whose norm is the
    /// largest singular value of the symbol at the DFT frequencies. `conv` is the layer as written (no padding
    /// of its own). The default has none and throws; the network pass then keeps the §6 rules.
    func upperBound(circularConv conv: ConvLayer, input: [Int]) throws(LayerBoundUnavailable) -> CircularConvFigure

    /// A certified upper bound on `‖T‖₂` of a conv the network pass composed from a linear segment (a spatial
    /// conv followed by pointwise operators, spectral-methods §7.3): `conv` is no node of the model (its
    /// `nodeIndex` is the spatial conv's); same figure and size as `upperBound(conv:)`. The default has none
    /// and throws; the pass then keeps the product of the segment's factors.
    func upperBound(composedConv conv: ConvLayer) throws(LayerBoundUnavailable) -> Double

    /// A certified upper bound on `|alpha|·‖W‖₂` of a dense matrix the network pass formed itself (an SLL
    /// layer's `A·S^{1/2}`, spectral-methods §7.4); it is no node of the model. The default has none and
    /// throws; the pass then keeps the §6 rules.
    func upperBound(composedDense dense: DenseLayer) throws(LayerBoundUnavailable) -> Double
}

extension LinearLayerBounds {
    public func upperBound(circularConv conv: ConvLayer, input: [Int]) throws(LayerBoundUnavailable) -> CircularConvFigure {
        throw LayerBoundUnavailable("no circulant figure from these layer bounds")
    }

    public func upperBound(composedConv conv: ConvLayer) throws(LayerBoundUnavailable) -> Double {
        throw LayerBoundUnavailable("no figure for composed segments from these layer bounds")
    }

    public func upperBound(composedDense dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        throw LayerBoundUnavailable("no figure for composed dense maps from these layer bounds")
    }
}

/// The bound of a circular convolution: `upper` is a certified upper bound on its spectral norm;
/// `exact` says it is the circulant spectrum's maximum (exact up to the stated rounding margin) rather than
/// a size-independent bound above it.
public struct CircularConvFigure: Sendable, Hashable {
    public var upper: Double
    public var exact: Bool

    public init(upper: Double, exact: Bool) {
        self.upper = upper
        self.exact = exact
    }
}

/// Why a layer has no certified bound; the network bound becomes unknown downstream and names this reason.
public struct LayerBoundUnavailable: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
