import Synchronization

/// One result slot per task of a concurrent loop, filled by the workers and read after the loop.
/// Thread-safe (a mutex guards the array; tasks are coarse, so contention is negligible).
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex([Value?](repeating: nil, count: count))
    }

    func set(_ index: Int, _ value: Value) {
        slots.withLock { $0[index] = value }
    }

    /// The filled slots, in index order.
    var values: [Value] {
        slots.withLock { $0.compactMap { $0 } }
    }
}
