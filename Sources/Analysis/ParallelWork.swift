import Dispatch
import Foundation

/// `map` over an array with a fixed number of workers pulling items in order; results keep the input order,
/// whatever the scheduling. Used for layers within a model and for models within a lint run.
public enum ParallelWork {
    /// The plain map runs its workers in `DispatchQueue.concurrentPerform`, so parallel sections inside
    /// `body` that also use it run serially (libdispatch narrows nested calls): models in parallel do not
    /// multiply their layers' threads.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @Sendable (T) -> R) -> [R] {
        let workers = min(workers, items.count)
        guard workers > 1 else { return items.map(body) }
        // Items that cost nothing always fit: the budgeted queue then hands them out in order, one at a time.
        let queue = BudgetedQueue(costs: Array(repeating: 0, count: items.count), budget: 0)
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let grant = queue.take() {
                slots.store(body(items[grant.index]), at: grant.index)
                queue.finished(grant.index)
            }
        }
        return slots.values
    }

    /// Write-once result slots.
    final class Slots<R: Sendable>: @unchecked Sendable {
        // Safe: each index is written once by the worker `BudgetedQueue` handed it to; read after all workers end.
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
