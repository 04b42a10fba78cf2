import Foundation

/// How many threads a size-dependent computation may use. liplint's own loops (frequency batches, operator
/// column blocks) run on these threads; OpenBLAS is kept single-threaded underneath
/// (`BLASThreading.useSingleThread()`), so the budget is the real number of busy cores.
///
/// A budget may also borrow the threads that are free when a parallel section starts (`SpareThreads`):
/// `threads` is then read anew at each use. Only for computations whose results do not depend on the thread
/// count and that read `threads` once per parallel section (the Lanczos iteration: `VectorKernels`,
/// `ConvolutionOperator`).
public struct ThreadBudget: Sendable, Hashable {
    private let base: Int
    private let limit: Int
    private let spare: SpareThreads?

    /// At least 1: the fixed count, plus (when borrowing) the spare threads at this moment, up to the limit.
    public var threads: Int {
        guard let spare else { return base }
        return min(limit, base + spare.available)
    }

    public init(threads: Int) {
        base = max(1, threads)
        limit = base
        spare = nil
    }

    /// `threads`, plus at each use as many of `spare`'s free threads as there are then, `limit` in all at
    /// most.
    public init(threads: Int, borrowingFrom spare: SpareThreads, limit: Int) {
        base = max(1, threads)
        self.limit = max(base, limit)
        self.spare = spare
    }

    /// One thread per active processor of this machine.
    public static var allProcessors: ThreadBudget {
        ThreadBudget(threads: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Everything on the calling thread.
    public static let serial = ThreadBudget(threads: 1)

    public static func == (a: ThreadBudget, b: ThreadBudget) -> Bool {
        a.base == b.base && a.limit == b.limit && a.spare === b.spare
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(base)
        hasher.combine(limit)
    }
}
