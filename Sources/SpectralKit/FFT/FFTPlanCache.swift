import Foundation

/// A cache of FFTW plans, owned by the caller and passed to every size-dependent computation, so layers of
/// the same shape reuse one plan. Thread-safe: lookups and insertions are serialized by a lock of the cache,
/// plan creation additionally by FFTW's process-wide planner lock.
///
/// `@unchecked Sendable`: the only mutable state, `plans`, is accessed exclusively under `lock`.
public final class FFTPlanCache: @unchecked Sendable {
    private let lock = NSLock()
    private var plans: [FFTPlan.Kind: FFTPlan] = [:]

    public init() {}

    /// Number of distinct plans created so far.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return plans.count
    }

    /// Drops every plan (they are destroyed when no computation uses them any more).
    public func removeAll() {
        lock.lock()
        plans.removeAll()
        lock.unlock()
    }

    func plan(_ kind: FFTPlan.Kind) -> FFTPlan {
        lock.lock()
        defer { lock.unlock() }
        if let p = plans[kind] { return p }
        let p = FFTPlan(kind: kind)
        plans[kind] = p
        return p
    }
}
