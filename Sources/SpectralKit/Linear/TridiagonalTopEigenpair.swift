internal import CLAPACK

/// The largest eigenvalue of a symmetric tridiagonal matrix (a Lanczos run's projected matrix) and, when
/// asked, its unit eigenvector, by LAPACK `dstev`: the Ritz value and the coefficients of the Ritz vector in
/// the Lanczos basis. An eigensolver result, exact to LAPACK's accuracy; callers certify what they derive.
enum TridiagonalTopEigenpair {
    /// `alpha`: the diagonal (`k ≥ 1` entries); `beta`: the off-diagonal (its first `k − 1` entries are
    /// used). `vector` is empty unless `vectors`.
    static func compute(_ alpha: [Double], _ beta: [Double], vectors: Bool) -> (value: Double, vector: [Double]) {
        let k = alpha.count
        var d = alpha
        var e = Array(beta.prefix(max(0, k - 1)))
        e.append(contentsOf: [Double](repeating: 0, count: 2))
        var z = [Double](repeating: 0, count: vectors ? k * k + 2 : 2)
        var work = [Double](repeating: 0, count: 2 * k + 2)
        let jobz = Int8(UInt8(ascii: vectors ? "V" : "N"))
        let info = LAPACKE_dstev_work(LAPACK_COL_MAJOR, jobz, Int32(k), &d, &e, &z, Int32(max(k, 1)), &work)
        precondition(info == 0, "dstev failed with info \(info)")
        // dstev returns the eigenvalues in ascending order: the last is the largest, the last column its vector.
        guard vectors else { return (d[k - 1], []) }
        return (d[k - 1], Array(z[(k * (k - 1))..<(k * k)]))
    }
}
