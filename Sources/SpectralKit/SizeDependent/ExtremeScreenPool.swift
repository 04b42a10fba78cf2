/// One `ExtremeScreen` per worker index. `@unchecked Sendable`: the array is immutable after `init` and
/// worker `w` is the only user of screen `w` (`ConcurrentLoop.forEachBatch` runs each worker index on one
/// thread); `extremes` is read after the loop.
final class ExtremeScreenPool: @unchecked Sendable {
    private let items: [ExtremeScreen]

    init(count: Int, rows: Int, cols: Int) {
        items = (0..<Swift.max(1, count)).map { _ in ExtremeScreen(rows: rows, cols: cols) }
    }

    func screen(_ worker: Int) -> ExtremeScreen { items[worker] }

    /// Gives every screen the extremes screen `worker` holds (extremes of SVDs it computed), so that all
    /// workers skip what they prove inside them.
    func shareExtremes(of worker: Int) {
        let source = items[worker]
        for screen in items where screen !== source { screen.adopt(max: source.max, min: source.min) }
    }

    /// The extremes over every worker (`max` 0 when no frequency was visited).
    var extremes: (max: Double, min: Double) {
        (Swift.max(0, items.map(\.max).max() ?? 0), items.map(\.min).min() ?? .infinity)
    }

    /// SVDs computed over every worker.
    var decompositions: Int { items.reduce(0) { $0 + $1.decompositions } }
}
