import Dispatch

/// `map` over `0..<count` on all cores (`DispatchQueue.concurrentPerform`), results in index order.
///
/// Deterministic: each index's result depends only on the index, whatever thread computes it. Callers that
/// run LAPACK inside `body` should call `BLASThreading.useSingleThread()` first.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(body(i), at: i) }
        return slots.collect()
    }
}

/// Write-once slots filled from several threads at disjoint indices.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Each index is written by exactly one iteration of `concurrentPerform`, so writes never race.
    func store(_ value: T, at i: Int) { base[i] = value }

    func collect() -> [T] { (0..<count).map { base[$0]! } }
}
