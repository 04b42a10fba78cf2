import Foundation

/// Result slots written by parallel workers, each slot once; read after all workers are done.
final class ReportSlots: @unchecked Sendable {
    // Safe: every access to `slots` holds `lock`.
    private var slots: [ModelReport?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ report: ModelReport, at index: Int) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var values: [ModelReport] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
