import Dispatch

/// `map` over `0..<count` on all cores (`DispatchQueue.concurrentPerform`), results in index order.
///
/// Deterministic: each index's result depends only on the index, whatever thread computes it. Callers that
/// run LAPACK inside `body` should call `BLASThreading.useSingleThread()` first.
enum ParallelMap {
    static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = ResultSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values
    }
}
