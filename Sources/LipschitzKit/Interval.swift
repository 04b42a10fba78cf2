/// An element-wise range `lower ≤ t_i ≤ upper` that holds for every element of a tensor and every input in
/// the declared domain. Infinite ends mean "no bound". Arithmetic rounds outward (one ulp per operation), so
/// a computed interval always contains the true one.
struct Interval: Sendable, Hashable {
    var lower: Double
    var upper: Double

    init(_ lower: Double, _ upper: Double) {
        self.lower = lower.isNaN ? -.infinity : lower
        self.upper = upper.isNaN ? .infinity : upper
    }

    static let unbounded = Interval(-.infinity, .infinity)
    static let unit = Interval(0, 1)
    static func point(_ value: Double) -> Interval { Interval(value, value) }

    /// The range of a list of values (unbounded for an empty list or one with a NaN). `Float` values give the
    /// same range as the same values widened to `Double` first (the widening is exact and keeps the order).
    /// Where +0 and -0 tie for the minimum (or maximum), the end is the first of them in the list.
    init<T: BinaryFloatingPoint>(values: [T]) {
        guard !values.isEmpty else {
            self = .unbounded
            return
        }
        let (lo, hi, hasNaN) = values.withUnsafeBufferPointer { v -> (T, T, Bool) in
            // Four independent min/max chains (a single chain waits on each compare); NaNs are counted apart.
            var lo = (v[0], v[0], v[0], v[0]), hi = lo
            var nan = false
            var k = 0
            while k + 4 <= v.count {
                let (a, b, c, d) = (v[k], v[k + 1], v[k + 2], v[k + 3])
                if a.isNaN || b.isNaN || c.isNaN || d.isNaN { nan = true }
                lo = (Swift.min(lo.0, a), Swift.min(lo.1, b), Swift.min(lo.2, c), Swift.min(lo.3, d))
                hi = (Swift.max(hi.0, a), Swift.max(hi.1, b), Swift.max(hi.2, c), Swift.max(hi.3, d))
                k += 4
            }
            while k < v.count {
                if v[k].isNaN { nan = true }
                lo.0 = Swift.min(lo.0, v[k])
                hi.0 = Swift.max(hi.0, v[k])
                k += 1
            }
            var low = Swift.min(Swift.min(lo.0, lo.1), Swift.min(lo.2, lo.3))
            var high = Swift.max(Swift.max(hi.0, hi.1), Swift.max(hi.2, hi.3))
            // The chains agree with a left-to-right scan on every value but the sign of a zero end: there the scan
            // keeps the first zero it meets.
            if low == 0, let zero = v.first(where: { $0 == 0 }) { low = zero }
            if high == 0, let zero = v.first(where: { $0 == 0 }) { high = zero }
            return (low, high, nan)
        }
        self = hasNaN ? .unbounded : Interval(Double(lo), Double(hi))
    }

    /// `M(t) = sup |t_i|` (∞ when unbounded).
    var magnitude: Double { Swift.max(Swift.abs(lower), Swift.abs(upper)) }
    /// `inf |t_i|`: the distance of the range from 0 (0 when it contains 0).
    var minimumMagnitude: Double {
        if lower > 0 { return lower }
        if upper < 0 { return -upper }
        return 0
    }
    var isBounded: Bool { lower.isFinite && upper.isFinite }
    var containsZero: Bool { lower <= 0 && upper >= 0 }

    /// The smallest interval containing both.
    func hull(_ other: Interval) -> Interval {
        Interval(Swift.min(lower, other.lower), Swift.max(upper, other.upper))
    }

    /// The intersection with `other` when both are valid ranges of the same values.
    func clamped(to other: Interval) -> Interval {
        let lo = Swift.max(lower, other.lower)
        let hi = Swift.min(upper, other.upper)
        return lo <= hi ? Interval(lo, hi) : self
    }

    static func + (a: Interval, b: Interval) -> Interval {
        Interval(Outward.down(a.lower + b.lower), Outward.up(a.upper + b.upper))
    }

    static prefix func - (a: Interval) -> Interval { Interval(-a.upper, -a.lower) }

    static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

    static func * (a: Interval, b: Interval) -> Interval {
        let products = [
            Outward.product(a.lower, b.lower), Outward.product(a.lower, b.upper),
            Outward.product(a.upper, b.lower), Outward.product(a.upper, b.upper),
        ]
        let lo = products.map(\.lower).min() ?? -.infinity
        let hi = products.map(\.upper).max() ?? .infinity
        return Interval(lo, hi)
    }

    /// Scaling by a constant.
    func scaled(by c: Double) -> Interval { self * .point(c) }

    /// `1/t` when the range excludes 0; `nil` otherwise.
    var reciprocal: Interval? {
        guard lower > 0 || upper < 0 else { return nil }
        return Interval(Outward.down(1 / upper), Outward.up(1 / lower))
    }

    /// The image under a non-decreasing function, rounded outward by one ulp.
    func mapIncreasing(_ f: (Double) -> Double) -> Interval {
        Interval(Outward.down(f(lower)), Outward.up(f(upper)))
    }
}
