import ONNXModel

/// Element ranges of initializers that the caller has already computed, so that the network pass does not
/// decode those initializers again when it seeds their states (a whole model's weights, read on one thread).
///
/// Each entry must be `ConstantRange(values:)` of the initializer's own FLOAT values — exactly the range the
/// pass would compute itself (`[min, max]`, unbounded when a value is NaN), so the result does not change by
/// one bit. Initializers without an entry are read by the pass as before.
public struct ConstantRanges: Sendable {
    /// By graph path (`Graph.path`), then initializer name.
    private var ranges: [String: [String: Interval]] = [:]

    public init() {}

    /// Records `range` as the range of initializer `name` of the graph at `graph` (`Graph.path`).
    public mutating func insert(_ range: ConstantRange, name: String, graph: String) {
        ranges[graph, default: [:]][name] = range.interval
    }

    /// The recorded range of initializer `name` of the graph at `graph`, if any.
    func range(of name: String, graph: String) -> Interval? { ranges[graph]?[name] }

    /// Number of recorded ranges.
    public var count: Int { ranges.values.reduce(0) { $0 + $1.count } }
}

/// The element range `[min, max]` of a constant's FLOAT values (unbounded when one is NaN or there are none),
/// computed as the network pass computes the range of a FLOAT initializer: exact, not rounded.
public struct ConstantRange: Sendable, Equatable {
    let interval: Interval

    public init(values: [Float]) { interval = values.isEmpty ? .unbounded : Interval(values: values) }

    /// The lower end (−∞ when unbounded).
    public var lower: Double { interval.lower }
    /// The upper end (+∞ when unbounded).
    public var upper: Double { interval.upper }
}
