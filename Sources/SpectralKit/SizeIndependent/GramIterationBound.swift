/// The size-independent spatial Gram iteration bound on `σ∞` (Delattre et al. 2024; docs/spectral-methods §2
/// item 4 and §5). Kind: **`upper`**, valid for every input size and padding.
///
/// `G_1[a, b] = Σ_c K[a, c] ⋆ K[b, c]` over the smaller channel count, `G_{t+1}[a, b] = Σ_c G_t[a, c] ⋆ G_t[b, c]`,
/// Frobenius-rescaled every step; then `σ∞ ≤ (max_a Σ_{b,p,q} |G_t[a, b, p, q]|)^{1/2^t}` times the
/// accumulated scale. Computed in the frequency domain (`Ĝ ← Ĝ·Ĝᴴ` per frequency on a DFT grid at least as
/// large as the final support `2^t(k − 1) + 1` per axis, so the spatial coefficients are recovered exactly by
/// one inverse DFT). Per group on the compacted canonical kernel, maximized over groups.
public struct GramIterationBound: Sendable, Hashable, Codable {
    /// The bound.
    public var upper: Double
    /// The number of iterations `t ≥ 1` (chosen as large as the memory and work caps allow; a 1×1 kernel's
    /// first Gram matrix is not counted against the work cap, as `‖K‖₂` needs it anyway).
    public var iterations: Int

    public init(upper: Double, iterations: Int) {
        self.upper = upper
        self.iterations = iterations
    }
}
