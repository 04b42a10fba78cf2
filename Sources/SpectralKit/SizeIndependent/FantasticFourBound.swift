/// Singla & Feizi's bound (docs/spectral-methods §5): `σ∞ ≤ √(kh·kw) · min(‖R1‖₂, ‖R2‖₂, ‖R3‖₂, ‖R4‖₂)`.
/// Kind: **`upper`**, valid for every input size and padding.
///
/// Computed per group on the compacted canonical kernel with exact (LAPACK) norms of the reshapes, never
/// power-iteration estimates, and maximized over groups. When `R1`, `R2` or `R4` are too large for the work
/// cap (`SizeIndependentOptions.reshapeWork`) the minimum runs over the reshapes that were computed (always
/// at least `R3`) — still an upper bound, possibly looser; `reshapesUsed` says which.
public struct FantasticFourBound: Sendable, Hashable, Codable {
    /// The bound.
    public var upper: Double
    /// The reshapes (1…4) whose norms entered the minimum for every group.
    public var reshapesUsed: [Int]

    public init(upper: Double, reshapesUsed: [Int]) {
        self.upper = upper
        self.reshapesUsed = reshapesUsed
    }

    static func compute(kernel k: StrideOneKernel, norms: KernelNorms) -> FantasticFourBound {
        let u = Double.ulpOfOne / 2
        let used = (0..<4).filter { norms.reshapes[$0] != nil }.map { $0 + 1 }
        let value = Double(k.size.h * k.size.w).squareRoot() * norms.smallestReshapeUpper * (1 + 4 * u)
        return FantasticFourBound(upper: value, reshapesUsed: used)
    }

    func maximum(_ o: FantasticFourBound) -> FantasticFourBound {
        FantasticFourBound(
            upper: max(upper, o.upper), reshapesUsed: reshapesUsed.filter { o.reshapesUsed.contains($0) })
    }
}
