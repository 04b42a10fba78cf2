import Foundation

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
