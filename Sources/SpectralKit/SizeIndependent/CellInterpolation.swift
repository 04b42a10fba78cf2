/// The interpolated cell bound of docs/asymptotic-certificate.md §3.2: an upper bound on
///
///     φ(s, t) = v00(1−s)(1−t) + v10·s(1−t) + v01(1−s)t + v11·st + a·s(1−s) + b·t(1−t)
///
/// over `[0, 1]²` (`a, b ≥ 0`): the bilinear interpolation of the corner norms plus the pointwise second-order
/// remainders of Lemma 1 (`(x − a)(b − x)/2·S = s(1−s)·h²S/2`). Exact up to rounding: a concave quadratic is
/// bounded by its tangent plane at any point, so a candidate maximizer `p` found in closed form contributes
/// `φ(p) + max over the box of ∇φ(p)·(q − p)`, which is at least the maximum whatever the rounding of `p`; a
/// non-concave φ (indefinite Hessian) and a concave one whose unconstrained maximizer lies clearly outside
/// the square attain their maximum on the boundary, where φ is a concave quadratic per edge.
enum CellInterpolation {
    /// An upper bound on `max φ` over the unit square (callers add a relative rounding factor for the few
    /// operations of each evaluation).
    static func maximum(corners v: (Double, Double, Double, Double), bulge: (a: Double, b: Double)) -> Double {
        let (v00, v10, v01, v11) = v
        let (a, b) = bulge
        // Along each edge φ is a concave quadratic in one variable: ends p0, p1, bulge c.
        var best = max(
            edge(v00, v10, a), edge(v01, v11, a),  // t = 0, t = 1
            edge(v00, v01, b), edge(v10, v11, b))  // s = 0, s = 1
        // Interior: φ is concave iff its Hessian [[−2a, c], [c, −2b]] is negative semidefinite, c the twist.
        // Otherwise (indefinite) no interior point is a maximum and the edges hold it.
        let c = v00 - v10 - v01 + v11
        let det = 4 * a * b - c * c
        if a > 0 && b > 0 && det > 0 {
            let r1 = (v10 - v00) + a, r2 = (v01 - v00) + b
            let s0 = (2 * b * r1 + c * r2) / det, t0 = (c * r1 + 2 * a * r2) / det
            // A well-conditioned system (relative error of the solution ≤ 10⁶·u ≪ 10⁻⁶) whose solution lies
            // clearly outside the square: the concave φ has its maximum on the boundary, which the edges hold.
            let margin = 1e-6
            if det >= 1e-6 * (4 * a * b + c * c)
                && (s0 < -margin || s0 > 1 + margin || t0 < -margin || t0 > 1 + margin) {
                return best
            }
            let s = min(1, max(0, s0)), t = min(1, max(0, t0))
            // Tangent plane at (s, t): φ(q) ≤ φ(p) + ∇φ(p)·(q − p) for every q of the square.
            let value = v00 * (1 - s) * (1 - t) + v10 * s * (1 - t) + v01 * (1 - s) * t + v11 * s * t
                + a * s * (1 - s) + b * t * (1 - t)
            let gs = (v10 - v00) + c * t + a * (1 - 2 * s)
            let gt = (v01 - v00) + c * s + b * (1 - 2 * t)
            best = max(best, value + max(gs * (0 - s), gs * (1 - s)) + max(gt * (0 - t), gt * (1 - t)))
        }
        return best
    }

    /// `max over x ∈ [0, 1]` of `p0(1 − x) + p1·x + c·x(1 − x)`, `c ≥ 0` (tangent bound at the computed
    /// maximizer).
    private static func edge(_ p0: Double, _ p1: Double, _ c: Double) -> Double {
        guard c > 0 else { return max(p0, p1) }
        let x = min(1, max(0, 0.5 + (p1 - p0) / (2 * c)))
        let value = p0 * (1 - x) + p1 * x + c * x * (1 - x)
        let slope = (p1 - p0) + c * (1 - 2 * x)
        return max(p0, p1, value + max(slope * (0 - x), slope * (1 - x)))
    }
}
