/// A sorted list of values reduced to at most `count` evenly spaced quantiles, for plotting a distribution
/// of millions of singular values with a few hundred points.
struct QuantileSample {
    /// `(fraction, value)`: fraction `i/(n−1)` of the position in the list sorted largest first (0 = largest,
    /// 1 = smallest), always including both ends.
    var points: [(fraction: Double, value: Double)]
    /// How many values the full list has.
    var total: Int

    /// The values sorted in descending order (a copy is sorted when `values` is not already), sampled at
    /// `min(count, n)` evenly spaced positions. Non-finite values are dropped first.
    init(_ values: [Double], count: Int) {
        var sorted = values.filter(\.isFinite)
        if zip(sorted, sorted.dropFirst()).contains(where: { $0 < $1 }) { sorted.sort(by: >) }
        total = sorted.count
        let n = sorted.count
        let m = min(max(count, 2), n)
        guard n > 1 else {
            points = sorted.map { (0, $0) }
            return
        }
        points = (0..<m).map { k in
            let index = Int((Double(k) * Double(n - 1) / Double(m - 1)).rounded())
            return (Double(index) / Double(n - 1), sorted[index])
        }
    }
}
