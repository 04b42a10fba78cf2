import Foundation

/// Result slots written by parallel workers, each slot exactly once.
final class FigureSlots: @unchecked Sendable {
    // Safe: every index is written by exactly one worker (handed out by `WorkQueue`), and `values` is read
    // only after `concurrentPerform` has returned; the lock orders the writes with that read.
    private var slots: [LayerFigures]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: LayerFigures(), count: count) }

    func store(_ value: LayerFigures, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [LayerFigures] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// Hands out the indices `0..<count` one at a time to competing workers.
final class WorkQueue: @unchecked Sendable {
    // Safe: `next` is only touched under `lock`.
    private var next = 0
    private let count: Int
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
