import Dispatch
import Foundation
import SpectralKit

/// Hands out the indices `0..<costs.count` to competing workers so that the costs of the items being worked
/// on at once never add up to more than `budget`: a worker takes the first item (in the queue's start order)
/// not yet taken that fits what is left, waits while none fits, and gives the cost back with `finished`. An
/// item costing more than the whole budget is taken only when nothing else is running, so it runs alone;
/// while it is the first item not taken, no other item starts (it would wait for a moment when nothing runs,
/// which may come only at the very end). Used to bound the working memory of layers analysed in parallel
/// (`LayerWorkingMemory`).
final class BudgetedQueue: @unchecked Sendable {
    // Safe: every stored property is only touched under `condition`'s lock.
    private let costs: [Int]
    private let budget: Int
    /// Item indices in the order they are offered (a permutation of `0..<costs.count`).
    private let order: [Int]
    /// Whether the item at each *position* of `order` has been taken.
    private var taken: [Bool]
    /// The lowest position not yet taken (every position below it is taken), where the search for a fitting
    /// item starts: handing out items that all fit costs O(1) each instead of a scan from 0.
    private var firstUntaken = 0
    private var remaining: Int
    private var inUse = 0
    private var running = 0
    private let condition = NSCondition()
    /// Workers with nothing to do right now: waiting in `take` for an item to fit, or done (`take` returned
    /// `nil`). Work whose result does not depend on its thread count may borrow them (`ThreadBudget`).
    let spare = SpareThreads()

    /// One item handed out by `take`.
    struct Grant: Equatable {
        /// The item's index in `costs`.
        var index: Int
        /// True when no other item runs while this one does: nothing else ran when it was taken, and no item
        /// left fits beside it (or none is left). Its worker may then use the threads of the idle workers.
        var alone: Bool
    }

    /// - Parameters:
    ///   - costs: each item's cost (negative counts as 0).
    ///   - budget: the most the items in progress may cost together.
    ///   - order: the order items are offered in, a permutation of `costs.indices` (default: index order).
    init(costs: [Int], budget: Int, order: [Int]? = nil) {
        self.costs = costs.map { max(0, $0) }
        self.budget = max(0, budget)
        let order = order ?? Array(costs.indices)
        precondition(order.count == costs.count && Set(order) == Set(costs.indices), "order must be a permutation")
        self.order = order
        taken = Array(repeating: false, count: costs.count)
        remaining = costs.count
    }

    /// The next item to work on, or `nil` when every item has been taken. Blocks while items remain but none
    /// fits the budget left (until another worker calls `finished`).
    func take() -> Grant? {
        condition.lock()
        defer { condition.unlock() }
        while remaining > 0 {
            let left = budget - inUse
            let headWaits = running > 0 && costs[order[firstUntaken]] > budget
            if !headWaits, let p = taken.indices[firstUntaken...].first(where: {
                !taken[$0] && (running == 0 || costs[order[$0]] <= left)
            }) {
                let k = order[p]
                let alone = running == 0 && !anyUntakenFits(within: left - costs[k], besides: p)
                taken[p] = true
                while firstUntaken < taken.count && taken[firstUntaken] { firstUntaken += 1 }
                remaining -= 1
                running += 1
                inUse += costs[k]
                return Grant(index: k, alone: alone)
            }
            spare.add(1)
            condition.wait()
            spare.add(-1)
        }
        spare.add(1)
        return nil
    }

    /// Whether an untaken item other than the one at position `p` costs at most `left`.
    private func anyUntakenFits(within left: Int, besides p: Int) -> Bool {
        taken.indices[firstUntaken...].contains { $0 != p && !taken[$0] && costs[order[$0]] <= left }
    }

    /// Gives back the cost of item `k` (taken by `take`).
    func finished(_ k: Int) {
        condition.lock()
        inUse -= costs[k]
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}

extension ParallelWork {
    /// `map` with a fixed number of workers whose items in progress never cost more than `budget` together
    /// (`BudgetedQueue`); results keep the input order whatever the scheduling. Items start in `order` (a
    /// permutation of the indices; default: input order).
    ///
    /// `body` also receives the threads its item may use for parallel sections of its own: an equal share,
    /// `threads / workers` (at least 1), or, when the item runs alone (`BudgetedQueue.Grant.alone`: the other
    /// workers wait meanwhile), as many of all `threads` as the budget has room for: each thread beyond the
    /// first costs `threadCost(item)` more (its buffers), and the item's cost plus those must fit `budget`,
    /// so an item over the whole budget keeps one thread. With a single worker, every item gets all
    /// `threads`. The workers are plain threads, so that `DispatchQueue.concurrentPerform` inside `body` is
    /// not serialized as a nested call.
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, threads: Int, budget: Int, cost: (T) -> Int, threadCost: (T) -> Int = { _ in 0 },
        order: [Int]? = nil, _ body: @Sendable (T, ThreadBudget) -> R
    ) -> [R] {
        mapGrantingThreads(
            items, workers: workers, threads: threads, budget: budget, cost: cost, threadCost: threadCost, order: order
        ) { item, granted in body(item, granted.budgeted) }
    }

    /// The threads an item of `map` may use for parallel sections of its own.
    struct ItemThreads: Sendable, Equatable {
        /// For sections whose threads beyond the first need buffers of their own (`threadCost`): the share, or
        /// when the item runs alone as many of all threads as the budget has room for.
        var budgeted: ThreadBudget
        /// For sections whose extra threads need no memory of their own and whose results do not depend on
        /// the thread count (the Lanczos iteration): every thread when the item runs alone, else the share
        /// plus, at each parallel section, the workers then idle (waiting for budget, or done).
        var free: ThreadBudget
    }

    /// `map` whose `body` is told both thread counts of its item (`ItemThreads`).
    static func mapGrantingThreads<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, threads: Int, budget: Int, cost: (T) -> Int, threadCost: (T) -> Int = { _ in 0 },
        order: [Int]? = nil, _ body: @Sendable (T, ItemThreads) -> R
    ) -> [R] {
        let workers = min(workers, items.count)
        let all = ThreadBudget(threads: threads)
        guard workers > 1 else { return items.map { body($0, ItemThreads(budgeted: all, free: all)) } }
        let share = ThreadBudget(threads: threads / workers)
        let costs = items.map(cost)
        // The threads an item running alone may use.
        let alone = items.indices.map { k -> ThreadBudget in
            let extra = max(0, threadCost(items[k])), room = budget - max(0, costs[k])
            guard extra > 0 else { return all }
            return ThreadBudget(threads: 1 + min(threads - 1, max(0, room) / extra))
        }
        let queue = BudgetedQueue(costs: costs, budget: budget, order: order)
        let slots = Slots<R>(count: items.count)
        WorkerThreads.run(count: workers) { _ in
            while let grant = queue.take() {
                let k = grant.index
                let granted = grant.alone
                    ? ItemThreads(budgeted: ThreadBudget(threads: max(alone[k].threads, share.threads)), free: all)
                    : ItemThreads(budgeted: share, free: ThreadBudget(threads: share.threads, borrowingFrom: queue.spare, limit: threads))
                slots.store(body(items[k], granted), at: k)
                queue.finished(k)
            }
        }
        return slots.values
    }

    /// The same without a thread share for `body`.
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, budget: Int, cost: (T) -> Int, order: [Int]? = nil, _ body: @Sendable (T) -> R
    ) -> [R] {
        map(items, workers: workers, threads: workers, budget: budget, cost: cost, order: order) { item, _ in body(item) }
    }
}
