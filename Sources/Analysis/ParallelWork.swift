import Dispatch
import Foundation

/// `map` over an array with a fixed number of workers pulling items in order; results keep the input order,
/// whatever the scheduling. Used for layers within a model and for models within a lint run.
public enum ParallelWork {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @Sendable (T) -> R) -> [R] {
        guard items.count > 1, workers > 1 else { return items.map(body) }
        let slots = Slots<R>(count: items.count)
        let queue = WorkQueue(count: items.count)
        DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
            while let k = queue.take() { slots.store(body(items[k]), at: k) }
        }
        return slots.values
    }

    /// Write-once result slots.
    final class Slots<R: Sendable>: @unchecked Sendable {
        // Safe: each index is written once by the worker `WorkQueue` handed it to; read after all workers end.
        private var slots: [R?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func store(_ value: R, at k: Int) {
            lock.lock()
            slots[k] = value
            lock.unlock()
        }
        var values: [R] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
