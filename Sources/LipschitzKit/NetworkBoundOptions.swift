/// Options of the network pass (docs/spectral-methods §6).
public struct NetworkBoundOptions: Sendable, Hashable {
    /// Which per-layer figure the caller's `LinearLayerBounds` supplies.
    public enum BoundUsed: String, Sendable, Hashable {
        /// σ∞: valid for every input size.
        case asymptotic
        /// The size-specific embedding certificate: valid for the model's input size only.
        case embedding
    }

    /// The inputs the bound is with respect to; `nil` means every floating-point run-time input.
    public var wrt: [String]?
    /// Declared element-wise ranges of run-time inputs (`--input-range NAME=lo,hi`), used for interval bounds
    /// `|t| ≤ M(t)` where products of input-dependent tensors need them.
    public var inputRanges: [String: ClosedRange<Double>]
    /// Recorded in the result as `boundUsed`; the caller's `LinearLayerBounds` must supply that figure.
    public var boundUsed: BoundUsed
    /// Recorded in the result as `sizeSpecific`: whether the per-layer figures (and so the bound) hold for the
    /// model's input size only.
    public var sizeSpecific: Bool

    public init(
        wrt: [String]? = nil, inputRanges: [String: ClosedRange<Double>] = [:], boundUsed: BoundUsed = .asymptotic,
        sizeSpecific: Bool = false
    ) {
        self.wrt = wrt
        self.inputRanges = inputRanges
        self.boundUsed = boundUsed
        self.sizeSpecific = sizeSpecific
    }
}
