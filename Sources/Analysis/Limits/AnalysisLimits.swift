import ONNXModel

/// Caps on what one layer's figures may allocate and compute, checked with overflow-safe arithmetic before
/// any allocation (docs/limits.md). A layer over a cap keeps its place in the report: the figures the cap
/// concerns are marked unavailable with the cap's name as the reason, and the other figures are computed.
///
/// The defaults keep every real model we know of under the caps while bounding a hostile file to a few GiB
/// and minutes; raise them with the `--max-…` options for unusually large layers.
public struct AnalysisLimits: Sendable, Hashable, Codable {
    /// The most elements one weight tensor may be decoded into (2²⁷ = 1 GiB as `Double`); also bounds the
    /// loader's `LoadLimits.maxTensorElements`. Over it: every figure of the layer is unavailable.
    public var maxTensorElements: Int
    /// The most elements of the kernel the size-independent figures work on (the weight, or for a strided
    /// layer its polyphase rearrangement `cout · cin·s₁·s₂ · ⌈k_eff/s⌉²`). Over it: every figure is unavailable.
    public var maxKernelElements: Int
    /// The most entries of a vector the size-dependent figures work on: the input `cin·n₁·n₂`, the padded
    /// input, the output `cout·m₁·m₂`, and the FFT grid of the embedding bound. Over it: the size-dependent
    /// figures (`exact`, `embedding`, `circulant`, `approximation`) are unavailable.
    public var maxOperatorElements: Int
    /// The most work (in multiply-adds) one layer's figures may take, estimated two ways: for the size-dependent
    /// figures, one application of the layer at its input size times the longer output side (the iterations
    /// the Lanczos and embedding searches need grow with it): `weight elements · m₁·m₂ · max(m₁, m₂)`; for the
    /// size-independent ones, one evaluation of the symbol, `g · cout · cin·s₁·s₂ · min(cout, cin·s₁·s₂)`.
    /// Over it: the figures concerned are unavailable. An estimate of order, not a timing guarantee.
    public var maxLayerWork: Int

    public static let defaultMaxTensorElements = LoadLimits.defaultMaxTensorElements
    public static let defaultMaxKernelElements = 1 << 24
    public static let defaultMaxOperatorElements = 1 << 24
    public static let defaultMaxLayerWork = 1 << 36

    public init(
        maxTensorElements: Int = AnalysisLimits.defaultMaxTensorElements,
        maxKernelElements: Int = AnalysisLimits.defaultMaxKernelElements,
        maxOperatorElements: Int = AnalysisLimits.defaultMaxOperatorElements,
        maxLayerWork: Int = AnalysisLimits.defaultMaxLayerWork
    ) {
        self.maxTensorElements = maxTensorElements
        self.maxKernelElements = maxKernelElements
        self.maxOperatorElements = maxOperatorElements
        self.maxLayerWork = maxLayerWork
    }
}
