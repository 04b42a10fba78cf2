internal import CLAPACK

/// Certified enclosures of `‖A‖₂` for an entrywise **non-negative** real matrix by the power method on
/// `M = AᵀA` with the Collatz–Wielandt bounds: for every vector `x > 0`,
/// `‖Ax‖²/‖x‖² ≤ λmax(M) ≤ maxᵢ (Mx)ᵢ/xᵢ` (the upper end is `‖D⁻¹MD‖∞` for `D = diag(x)`, a matrix similar
/// to `M` and non-negative, so it bounds the spectral radius; no irreducibility is needed). Each step costs
/// two matrix–vector products (`4·rows·cols` flops), against `n²k + 10n³` for the Gram matrix and
/// eigensolver of `RealSpectralNorm`; on dense non-negative matrices, whose Perron root is well separated,
/// a few steps close the gap to rounding level.
///
/// Floating-point margin: every sum has non-negative terms only, so each computed entry of `Ax` and
/// `Aᵀ(Ax)` is within a relative `γ_cols`, resp. `γ_cols + γ_rows`, of its exact value (`γ_k = k·u/(1 − k·u)`),
/// and the norms and quotients add a few `u` more; both ends are widened by the relative
/// `4·(rows + cols + 4)·u`, which covers these first-order bounds with a factor-2 cushion (a documented
/// safety margin, as in `RealSpectralNorm`).
enum NonNegativeSpectralNorm {
    /// `‖A‖₂` of the row-major `rows × cols` matrix at `a` (every entry `≥ 0`), or `nil` when `maxSteps`
    /// steps did not bring the computed quotients within a factor `1 + relativeGap` of each other (the caller
    /// then uses `RealSpectralNorm`). The enclosure is that of the last step, widened by the margin.
    static func of(
        _ a: UnsafePointer<Double>, rows: Int, cols: Int, relativeGap: Double, maxSteps: Int = 40
    ) -> NormInterval? {
        precondition(rows > 0 && cols > 0 && relativeGap > 0)
        let u = Double.ulpOfOne / 2
        let widen = 4 * Double(rows + cols + 4) * u
        var x = [Double](repeating: 1, count: cols)
        var y = [Double](repeating: 0, count: rows)
        var z = [Double](repeating: 0, count: cols)
        for _ in 0..<maxSteps {
            // y = A x, z = Aᵀ y.
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), 1, a, Int32(cols), x, 1, 0, &y, 1)
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(cols), 1, a, Int32(cols), y, 1, 0, &z, 1)
            var xx = 0.0, yy = 0.0, ratio = 0.0, largest = 0.0
            for i in 0..<cols {
                xx += x[i] * x[i]
                ratio = max(ratio, z[i] / x[i])
                largest = max(largest, z[i])
            }
            for j in 0..<rows { yy += y[j] * y[j] }
            guard largest > 0, ratio.isFinite else { return largest == 0 ? NormInterval(exactly: 0) : nil }
            let rayleigh = yy / xx
            if ratio <= rayleigh * (1 + relativeGap) {
                return NormInterval(lower: (rayleigh * (1 - widen)).squareRoot(), upper: (ratio * (1 + widen)).squareRoot())
            }
            // The next x: z scaled to a largest entry of 1, kept positive (any x > 0 gives valid bounds).
            let scale = 1 / largest
            let floor = 0x1p-200
            for i in 0..<cols { x[i] = max(z[i] * scale, floor) }
        }
        return nil
    }
}
