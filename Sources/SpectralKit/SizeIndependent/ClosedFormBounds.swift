/// The closed-form upper bounds on `σ∞` of docs/spectral-methods §5. Kind: **`upper`** for every one of them
/// (they hold for every input size and padding), in the layer's own units (output norm per input norm).
///
/// Computed per group on the compacted canonical kernel (`CompactKernel`; the undilated kernel for a stride-1
/// layer, so dilation does not inflate them), and maximized over groups.
public struct ClosedFormBounds: Sendable, Hashable, Codable {
    /// `Σ_τ ‖K_τ‖₂` over the taps `τ` (triangle inequality on `F`).
    public var triangle: Double
    /// `‖A‖₂` with `A[o, i] = Σ_τ |K[o, i, τ]|` (entrywise `|F(ω)| ≤ A`, and `‖·‖₂` is monotone on
    /// non-negative matrices).
    public var blockNorm: Double
    /// `√(‖A‖₁ · ‖A‖∞)` (Schur's bound on `‖A‖₂`; cheaper, never below `blockNorm`).
    public var schur: Double
    /// `√(kh·kw) · ‖K‖_F`.
    public var frobenius: Double

    public init(triangle: Double, blockNorm: Double, schur: Double, frobenius: Double) {
        self.triangle = triangle
        self.blockNorm = blockNorm
        self.schur = schur
        self.frobenius = frobenius
    }

    /// The smallest of the four.
    public var best: Double { min(triangle, blockNorm, schur, frobenius) }

    /// The bounds of one group's kernel, from its precomputed norms. Floating-point sums get a relative
    /// margin of `4·(terms + 2)·u`.
    static func compute(kernel k: StrideOneKernel, norms: KernelNorms) -> ClosedFormBounds {
        let u = Double.ulpOfOne / 2
        let t = k.size.h * k.size.w
        let (co, ci) = (k.outChannels, k.inChannels)
        let triangle = norms.taps.reduce(0) { $0 + $1.upper } * (1 + 4 * Double(t + 2) * u)
        // ‖K‖_F² is the squared sum the norms already took, over the values in the same (storage) order.
        let frob2 = norms.squaredSum
        var rowMax = 0.0
        var colSums = [Double](repeating: 0, count: ci)
        k.values.withUnsafeBufferPointer { v in
            colSums.withUnsafeMutableBufferPointer { colSums in
                for o in 0..<co {
                    var row = 0.0
                    for i in 0..<ci {
                        let entry = v.baseAddress! + (o * ci + i) * t
                        for tap in 0..<t {
                            let x = abs(entry[tap])
                            row += x
                            colSums[i] += x
                        }
                    }
                    rowMax = max(rowMax, row)
                }
            }
        }
        let terms = Double(t * (co + ci) + 2)
        let schur = (rowMax * colSums.max()!).squareRoot() * (1 + 4 * terms * u)
        let frobenius = (Double(t) * frob2).squareRoot() * (1 + 4 * Double(t * co * ci + 2) * u)
        return ClosedFormBounds(triangle: triangle, blockNorm: norms.absoluteSum.upper, schur: schur, frobenius: frobenius)
    }

    /// The entrywise maximum (the bound of a grouped layer is the largest group bound).
    func maximum(_ o: ClosedFormBounds) -> ClosedFormBounds {
        ClosedFormBounds(
            triangle: max(triangle, o.triangle), blockNorm: max(blockNorm, o.blockNorm),
            schur: max(schur, o.schur), frobenius: max(frobenius, o.frobenius))
    }

    static let zero = ClosedFormBounds(triangle: 0, blockNorm: 0, schur: 0, frobenius: 0)
}
