import Foundation

/// How many threads a size-dependent computation may use. liplint's own loops (frequency batches, operator
/// column blocks) run on these threads; OpenBLAS is kept single-threaded underneath
/// (`BLASThreading.useSingleThread()`), so the budget is the real number of busy cores.
public struct ThreadBudget: Sendable, Hashable {
    /// At least 1.
    public let threads: Int

    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// One thread per active processor of this machine.
    public static var allProcessors: ThreadBudget {
        ThreadBudget(threads: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Everything on the calling thread.
    public static let serial = ThreadBudget(threads: 1)
}
