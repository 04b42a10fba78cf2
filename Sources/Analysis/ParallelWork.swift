import Dispatch
import Foundation

/// `map` over an array with a fixed number of workers pulling items in order; results keep the input order,
/// whatever the scheduling. Used for layers within a model and for models within a lint run.
public enum ParallelWork {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ body: @Sendable (T) -> R) -> [R] {
        // Items that cost nothing always fit: the budgeted queue then hands them out in order, one at a time.
        map(items, workers: workers, budget: 0, cost: { _ in 0 }, body)
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
