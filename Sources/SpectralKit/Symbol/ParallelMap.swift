/// `map` over `0..<count` on up to `threads.threads` threads, results in index order.
///
/// Deterministic: each index's result depends only on the index, whatever thread computes it and however
/// many threads there are. The threads pull indices in increasing order from a shared counter, so uneven
/// items balance. With one thread (or one item) everything runs on the calling thread. Callers that run
/// LAPACK inside `body` should call `BLASThreading.useSingleThread()` first.
///
/// The extra threads come from `DispatchQueue.concurrentPerform` (through `ConcurrentLoop.forEachBatch`),
/// which runs serially when called from inside another `concurrentPerform`: callers that hand a budget above
/// 1 down from a worker of their own should run that worker on a plain thread (as `ParallelWork` in Analysis
/// does).
enum ParallelMap {
    static func map<T: Sendable>(count: Int, threads: ThreadBudget, _ body: @Sendable (Int) -> T) -> [T] {
        guard min(threads.threads, count) > 1 else { return (0..<count).map(body) }
        let slots = ResultSlots<T>(count: count)
        // Batches of one index, claimed in increasing order (`ConcurrentLoop.forEachBatch`).
        ConcurrentLoop.forEachBatch(count: count, batch: 1, threads: threads) { _, range in
            for i in range { slots.set(i, body(i)) }
        }
        return slots.values
    }
}
