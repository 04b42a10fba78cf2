import Foundation

/// A count of threads that are free at the moment — e.g. layer workers waiting for memory budget or done
/// with every layer — which a `ThreadBudget` may borrow at each parallel section (`ThreadBudget(threads:
/// borrowingFrom:limit:)`). Thread-safe.
public final class SpareThreads: @unchecked Sendable {
    // Safe: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0

    public init() {}

    /// Adds `n` (negative: removes) free threads.
    public func add(_ n: Int) {
        lock.lock()
        count += n
        lock.unlock()
    }

    /// The free threads now (at least 0).
    public var available: Int {
        lock.lock()
        defer { lock.unlock() }
        return max(0, count)
    }
}
