import Synchronization

/// A shared ticket counter for dynamic work distribution (`ConcurrentLoop.forEachBatch`).
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Returns 0, 1, 2, ... across all callers, each value exactly once.
    func next() -> Int {
        value.add(1, ordering: .relaxed).oldValue
    }
}
