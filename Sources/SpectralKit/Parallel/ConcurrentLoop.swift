import Dispatch

/// Splits an index range into contiguous chunks and runs them on `DispatchQueue.concurrentPerform`.
///
/// The body receives the chunk's position and its index range. Chunks are disjoint, so a body that writes
/// only the outputs of its own indices needs no locking.
enum ConcurrentLoop {
    /// Contiguous, disjoint chunks covering `0..<count`, at most `parts` of them and none shorter than
    /// `minimumChunk` (except when `count` itself is).
    static func chunks(count: Int, parts: Int, minimumChunk: Int = 1) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let n = max(1, min(parts, count / max(1, minimumChunk)))
        var result: [Range<Int>] = []
        result.reserveCapacity(n)
        for p in 0..<n {
            let lo = count * p / n, hi = count * (p + 1) / n
            if hi > lo { result.append(lo..<hi) }
        }
        return result
    }

    /// Runs `body(chunkIndex, range)` for each chunk; returns after all have finished.
    static func forEachChunk(
        count: Int, threads: ThreadBudget, minimumChunk: Int = 1, _ body: @Sendable (Int, Range<Int>) -> Void
    ) {
        let parts = chunks(count: count, parts: threads.threads, minimumChunk: minimumChunk)
        if parts.count <= 1 {
            for (i, r) in parts.enumerated() { body(i, r) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in body(i, parts[i]) }
    }

    /// Dynamic scheduling for uneven work: `count` items in batches of `batch`, claimed in order by up to
    /// `threads` workers. `body(workerIndex, range)`; each worker index is used by one thread at a time,
    /// so per-worker scratch space indexed by it is safe.
    static func forEachBatch(
        count: Int, batch: Int, threads: ThreadBudget, _ body: @Sendable (Int, Range<Int>) -> Void
    ) {
        let batch = max(1, batch)
        let batches = (count + batch - 1) / batch
        let workers = min(threads.threads, batches)
        if workers <= 1 {
            var lo = 0
            while lo < count {
                body(0, lo..<min(count, lo + batch))
                lo += batch
            }
            return
        }
        let counter = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            while true {
                let b = counter.next()
                guard b < batches else { break }
                body(w, (b * batch)..<min(count, (b + 1) * batch))
            }
        }
    }
}
