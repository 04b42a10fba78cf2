/// One worker's state while `SymbolSampler.extremeSingularValues` looks for the extreme singular values of a
/// symbol over a frequency grid: the SVD workspace, the Gram test, and the extremes of the SVDs computed so
/// far. `visit` decides, for the matrix in `svd.matrix`, whether it needs its SVD.
final class ExtremeScreen {
    let svd: ComplexSVDWorkspace
    let test: GramEigenvalueTest
    /// Largest and smallest SVD value computed so far (`-∞`/`+∞` before the first).
    private(set) var max = -Double.infinity
    private(set) var min = Double.infinity
    /// SVDs computed (for tests and measurements).
    private(set) var decompositions = 0
    /// Relative margin on `σ²` inside which a frequency always gets its SVD.
    static let relativeMargin = 1e-8

    init(rows: Int, cols: Int) {
        svd = ComplexSVDWorkspace(rows: rows, cols: cols)
        test = GramEigenvalueTest(rows: rows, cols: cols)
    }

    /// Takes extremes that another screen's SVDs attained (`ExtremeScreenPool.shareExtremes`): the values
    /// skipped later are then proved inside SVD values computed by some worker, which is all the pooled
    /// extremes need.
    func adopt(max high: Double, min low: Double) {
        max = Swift.max(max, high)
        min = Swift.min(min, low)
    }

    /// Folds the matrix in `svd.matrix` into the extremes: computes its SVD unless the Gram test proves all
    /// its values strictly inside `(min, max)` (only the upper side when not `includeMin`).
    func visit(includeMin: Bool) {
        if needsDecomposition(includeMin: includeMin) {
            svd.compute()
            let per = Swift.min(svd.rows, svd.cols)
            max = Swift.max(max, svd.values.base[0])
            if includeMin { min = Swift.min(min, svd.values.base[per - 1]) }
            decompositions += 1
        }
    }

    private func needsDecomposition(includeMin: Bool) -> Bool {
        // No SVD yet, or the smallest value is already 0 (singular values are never below it): nothing to test.
        guard max >= 0 else { return true }
        test.formGram(from: svd.matrix.base)
        let allowance = test.roundingAllowance
        let below = max * max * (1 - Self.relativeMargin) - allowance
        if !test.provesAllBelow(below) { return true }
        guard includeMin, min > 0 else { return false }
        let above = min * min * (1 + Self.relativeMargin) + allowance
        return !test.provesAllAbove(above)
    }
}
