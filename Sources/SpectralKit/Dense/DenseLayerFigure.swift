/// The spectral norm of a dense layer `y = alpha · W x (+ bias)` (Gemm, MatMul with a constant `W`;
/// docs/spectral-methods §1). Holds for every input (a dense layer has no spatial size).
///
/// - Small layers (either dimension ≤ `DenseLayerFigure.lanczosThreshold`): `value = |alpha|·‖W‖₂` by
///   LAPACK SVD, kind `exact` (to a few ulps); `lower = upper = value`.
/// - Larger layers: `value` is the Lanczos estimate (kind `estimate`; exact to the Lanczos tolerance when
///   it converged), `lower` the attained `‖Wx‖/‖x‖` (kind `lower`), and `upper` a matrix Gram-iteration
///   bound (kind `upper`).
public struct DenseLayerFigure: Sendable, Hashable, Codable {
    public let value: Double
    public let kind: FigureKind
    public let lower: Double
    public let upper: Double
    public let rows: Int
    public let cols: Int
    /// SVD path only: the smallest singular value of `|alpha|·W` from the same SVD (exact to a few ulps of
    /// `value`); `nil` on the Lanczos path.
    public let smallest: Double?

    /// Both dimensions above this take the Lanczos + Gram-iteration path.
    public static let lanczosThreshold = 4096

    /// The figure for `W` (`rows × cols`, row-major) scaled by `alpha`.
    public static func compute(
        weight: [Double], rows: Int, cols: Int, alpha: Double = 1, gramSteps: Int = 4,
        lanczos: LanczosOptions = LanczosOptions(), threshold: Int = lanczosThreshold
    ) -> DenseLayerFigure {
        precondition(rows > 0 && cols > 0 && weight.count == rows * cols)
        let a = abs(alpha)
        if min(rows, cols) <= threshold {
            let values = DenseSVD.singularValues(real: weight, rows: rows, cols: cols)
            let s = (values.first ?? 0) * a
            return DenseLayerFigure(
                value: s, kind: .exact, lower: s, upper: s, rows: rows, cols: cols, smallest: (values.last ?? 0) * a)
        }
        let op = MatrixOperator(values: weight, rows: rows, cols: cols)
        let r = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: lanczos)
        let upper = MatrixGramIteration.upperBound(weight: weight, rows: rows, cols: cols, steps: gramSteps) * a
        let value = (r.values.first ?? 0) * a
        return DenseLayerFigure(
            value: value, kind: .estimate, lower: r.lower * a, upper: max(upper, value), rows: rows, cols: cols,
            smallest: nil)
    }
}
