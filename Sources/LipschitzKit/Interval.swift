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

    /// The range of a list of values (unbounded for an empty list).
    init(values: [Double]) {
        guard let first = values.first else {
            self = .unbounded
            return
        }
        var lo = first
        var hi = first
        for v in values {
            if v.isNaN {
                self = .unbounded
                return
            }
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        self.init(lo, hi)
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
