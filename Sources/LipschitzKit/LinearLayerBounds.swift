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
}

/// Why a layer has no certified bound; the network bound becomes unknown downstream and names this reason.
public struct LayerBoundUnavailable: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
