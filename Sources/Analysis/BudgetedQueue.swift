import Dispatch
import Foundation

/// Hands out the indices `0..<costs.count` to competing workers so that the costs of the items being worked
/// on at once never add up to more than `budget`: a worker takes the first item not yet taken that fits what
/// is left, waits while none fits, and gives the cost back with `finished`. An item costing more than the
/// whole budget is taken only when nothing else is running, so it runs alone. Used to bound the working
/// memory of layers analysed in parallel (`LayerWorkingMemory`).
final class BudgetedQueue: @unchecked Sendable {
    // Safe: every stored property is only touched under `condition`'s lock.
    private let costs: [Int]
    private let budget: Int
    private var taken: [Bool]
    /// The lowest index not yet taken (every index below it is taken), where the search for a fitting item
    /// starts: handing out items that all fit costs O(1) each instead of a scan from 0.
    private var firstUntaken = 0
    private var remaining: Int
    private var inUse = 0
    private var running = 0
    private let condition = NSCondition()

    /// - Parameters:
    ///   - costs: each item's cost (negative counts as 0).
    ///   - budget: the most the items in progress may cost together.
    init(costs: [Int], budget: Int) {
        self.costs = costs.map { max(0, $0) }
        self.budget = max(0, budget)
        taken = Array(repeating: false, count: costs.count)
        remaining = costs.count
    }

    /// The next item to work on, or `nil` when every item has been taken. Blocks while items remain but none
    /// fits the budget left (until another worker calls `finished`).
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while remaining > 0 {
            let left = budget - inUse
            if let k = taken.indices[firstUntaken...].first(where: { !taken[$0] && (running == 0 || costs[$0] <= left) }) {
                taken[k] = true
                while firstUntaken < taken.count && taken[firstUntaken] { firstUntaken += 1 }
                remaining -= 1
                running += 1
                inUse += costs[k]
                return k
            }
            condition.wait()
        }
        return nil
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
    /// (`BudgetedQueue`); results keep the input order whatever the scheduling.
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, budget: Int, cost: (T) -> Int, _ body: @Sendable (T) -> R
    ) -> [R] {
        guard items.count > 1, workers > 1 else { return items.map(body) }
        let queue = BudgetedQueue(costs: items.map(cost), budget: budget)
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
            while let k = queue.take() {
                slots.store(body(items[k]), at: k)
                queue.finished(k)
            }
        }
        return slots.values
    }
}
