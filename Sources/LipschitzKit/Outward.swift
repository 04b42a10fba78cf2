/// Outward rounding helpers: each result is moved one ulp away so that rounding in the operation itself
/// can never make an upper bound smaller (or a lower bound larger) than the true value.
enum Outward {
    static func up(_ x: Double) -> Double { x.isFinite ? x.nextUp : (x.isNaN ? .infinity : x) }
    static func down(_ x: Double) -> Double { x.isFinite ? x.nextDown : (x.isNaN ? -.infinity : x) }

    /// `a·b` rounded up, for non-negative factors (0·∞ = 0: a zero factor kills the term). An exact product
    /// (checked with a fused multiply-add) is returned as is.
    static func mul(_ a: Double, _ b: Double) -> Double {
        if a == 0 || b == 0 { return 0 }
        let p = a * b
        guard p.isFinite else { return p.isNaN ? .infinity : p }
        return (-p).addingProduct(a, b) == 0 ? p : p.nextUp
    }

    /// `a + b` rounded up; exact sums (checked by two-sum) are returned as is.
    static func add(_ a: Double, _ b: Double) -> Double {
        let s = a + b
        guard s.isFinite else { return s.isNaN ? .infinity : s }
        let bb = s - a
        let error = (a - (s - bb)) + (b - bb)
        return error == 0 ? s : s.nextUp
    }

    /// `Σ terms` rounded up, for non-negative terms.
    static func sum(_ terms: [Double]) -> Double {
        terms.reduce(0) { add($0, $1) }
    }

    /// `√x` rounded up; an exact root is returned as is.
    static func sqrt(_ x: Double) -> Double {
        let r = x.squareRoot()
        guard r.isFinite, r > 0 else { return r.isNaN ? .infinity : r }
        return (-x).addingProduct(r, r) == 0 ? r : r.nextUp
    }

    /// `1/√x` rounded up; exact when `√x` and its reciprocal are (x = 4 gives exactly 0.5).
    static func reciprocalSqrt(_ x: Double) -> Double {
        let r = x.squareRoot()
        guard r.isFinite, r > 0 else { return .infinity }
        let rootExact = (-x).addingProduct(r, r) == 0
        let q = 1 / r
        if rootExact && (-1.0).addingProduct(q, r) == 0 { return q }
        return up(1 / (rootExact ? r : down(r)))
    }

    /// The interval of `a·b` for two endpoints (0·±∞ = 0).
    static func product(_ a: Double, _ b: Double) -> Interval {
        if a == 0 || b == 0 { return .point(0) }
        let p = a * b
        return Interval(down(p), up(p))
    }
}
