import Foundation
import Testing
import ONNXModel
import SpectralKit
import TestSupport
@testable import Analysis

/// The scheduling that bounds the memory of layers analysed in parallel: `BudgetedQueue` never lets the
/// costs in progress exceed the budget (an item over the whole budget runs alone), items start in the order
/// given, an item told it runs alone does (and gets every thread), results keep their order;
/// `LayerWorkingMemory` grows with what the figures allocate.
@Suite struct LayerWorkingMemoryTests {
    /// Records the costs in progress, from any thread.
    final class Tracker: @unchecked Sendable {
        // Safe: every property is only touched under `lock`.
        private let lock = NSLock()
        private var inUse = 0
        private var running = 0
        private(set) var worstOverBudget = 0
        private(set) var overBudgetNotAlone = 0
        /// Items started while an item told it runs alone was running, or that were told so but were not.
        private(set) var aloneNotAlone = 0
        private var aloneRunning = false
        let budget: Int
        init(budget: Int) { self.budget = budget }

        func start(_ cost: Int, alone: Bool = false) {
            lock.lock()
            inUse += cost
            running += 1
            if cost > budget && running > 1 { overBudgetNotAlone += 1 }
            if cost <= budget { worstOverBudget = max(worstOverBudget, inUse - budget) }
            if aloneRunning || (alone && running > 1) { aloneNotAlone += 1 }
            if alone { aloneRunning = true }
            lock.unlock()
        }

        func end(_ cost: Int) {
            lock.lock()
            inUse -= cost
            running -= 1
            if running == 0 { aloneRunning = false }
            lock.unlock()
        }
    }

    /// Costs for a budget of 100: mostly small items, some large, some over the whole budget.
    static func randomCosts(count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ -> Int in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: return Int.random(in: 101...300, using: &generator)
            case 1...3: return Int.random(in: 40...100, using: &generator)
            default: return Int.random(in: 0...30, using: &generator)
            }
        }
    }

    @Test(arguments: [1, 7, 2026])
    func costsInProgressStayWithinTheBudget(seed: UInt64) {
        let budget = 100
        let costs = Self.randomCosts(count: 60, seed: seed)
        let tracker = Tracker(budget: budget)
        let results = ParallelWork.map(Array(costs.indices), workers: 4, budget: budget, cost: { costs[$0] }) { (k: Int) -> Int in
            tracker.start(costs[k])
            usleep(UInt32(200 + (k * 37) % 500))
            tracker.end(costs[k])
            return k * 3
        }
        #expect(results == costs.indices.map { $0 * 3 })
        #expect(tracker.worstOverBudget == 0)
        #expect(tracker.overBudgetNotAlone == 0)
        // No expectation on how many ran at once: `concurrentPerform` may run every iteration on the calling
        // thread when the pool is busy (it was, in a parallel run of the whole suite), which is correct.
    }

    /// Every item is handed out exactly once, also when all of them exceed the budget (then one at a time).
    @Test func everyItemOnceEvenWhenNothingFits() {
        let queue = BudgetedQueue(costs: [500, 700, 900], budget: 100)
        var seen: [Int] = []
        while let grant = queue.take() {
            seen.append(grant.index)
            #expect(grant.alone)
            queue.finished(grant.index)
        }
        #expect(seen == [0, 1, 2])
    }

    /// Items start in the order given; an item is alone only when nothing else runs and nothing left fits.
    @Test func itemsStartInTheGivenOrder() {
        let queue = BudgetedQueue(costs: [10, 10, 60, 10], budget: 100, order: [2, 0, 3, 1])
        var grants: [BudgetedQueue.Grant] = []
        for _ in 0..<4 { grants.append(queue.take()!) }
        #expect(grants.map(\.index) == [2, 0, 3, 1])
        #expect(grants.allSatisfy { !$0.alone })
        #expect(queue.take() == nil)
        // 60 + 50 > 100: the first runs alone although it fits the budget by itself.
        let pair = BudgetedQueue(costs: [60, 50], budget: 100)
        #expect(pair.take() == .init(index: 0, alone: true))
    }

    /// While the first item not taken exceeds the whole budget, no later item overtakes it: it starts as soon
    /// as the items in progress finish, instead of waiting for a moment when nothing runs.
    @Test func anItemOverTheBudgetIsNotOvertaken() {
        let queue = BudgetedQueue(costs: [5, 200, 5, 5], budget: 100)
        #expect(queue.take() == .init(index: 0, alone: false))
        let taken = DispatchSemaphore(value: 0)
        let second = Box()
        Thread {
            second.grant = queue.take()
            taken.signal()
        }.start()
        #expect(taken.wait(timeout: .now() + .milliseconds(100)) == .timedOut, "item 2 must not overtake item 1")
        queue.finished(0)
        taken.wait()
        #expect(second.grant == .init(index: 1, alone: true))
    }

    final class Box: @unchecked Sendable {
        // Safe: written by one thread before a semaphore signal, read after the wait.
        var grant: BudgetedQueue.Grant?
    }

    /// An item told it runs alone does, and gets every thread; the others get an equal share.
    @Test(arguments: [3, 8, 2027])
    func aloneItemsRunAloneWithEveryThread(seed: UInt64) {
        let budget = 100
        let costs = Self.randomCosts(count: 40, seed: seed)
        let order = costs.indices.sorted { costs[$0] > costs[$1] }
        let tracker = Tracker(budget: budget)
        let shares = ParallelWork.map(
            Array(costs.indices), workers: 3, threads: 6, budget: budget, cost: { costs[$0] }, order: order
        ) { (k: Int, threads: ThreadBudget) -> Int in
            tracker.start(costs[k], alone: threads.threads == 6)
            usleep(UInt32(200 + (k * 37) % 500))
            tracker.end(costs[k])
            return threads.threads
        }
        #expect(Set(shares).isSubset(of: [2, 6]))
        #expect(shares.indices.allSatisfy { costs[$0] <= budget || shares[$0] == 6 }, "over budget: alone")
        #expect(tracker.worstOverBudget == 0)
        #expect(tracker.overBudgetNotAlone == 0)
        #expect(tracker.aloneNotAlone == 0)
    }

    /// A lone item gets extra threads only as far as the budget has room for their cost: none over the
    /// budget, one where the room pays for one.
    @Test func threadsOfALoneItemFitTheBudget() {
        let costs = [150, 60, 95]
        /// The threads each item gets with `threads` in all, two workers, budget 100, `threadCost` per thread.
        func threadsGranted(_ threads: Int, threadCost: Int) -> [Int] {
            ParallelWork.map(
                Array(costs.indices), workers: 2, threads: threads, budget: 100, cost: { costs[$0] },
                threadCost: { _ in threadCost }
            ) { (_: Int, threads: ThreadBudget) in threads.threads }
        }
        // Alone, each: 150 is over the budget; 60 leaves room for one more thread (40 ≥ 30), 95 for none.
        // An item never gets less than the equal share (4 threads / 2 workers).
        #expect(threadsGranted(4, threadCost: 30) == [2, 2, 2])
        #expect(threadsGranted(2, threadCost: 30) == [1, 2, 1])
        #expect(threadsGranted(8, threadCost: 10) == [4, 5, 4])
        // Threads that cost no memory (Lanczos) are all the lone item's, whatever the room.
        let granted = ParallelWork.mapGrantingThreads(
            Array(costs.indices), workers: 2, threads: 4, budget: 100, cost: { costs[$0] }, threadCost: { _ in 30 }
        ) { (_: Int, threads: ParallelWork.ItemThreads) in threads }
        #expect(granted.map(\.budgeted.threads) == [2, 2, 2] && granted.map(\.free.threads) == [4, 4, 4])
        // The size-dependent figures' screens of a stride-2 512-channel conv (512 × 2048 complex matrices)
        // weigh more per thread than the asymptotic points.
        let stridedLarge = Self.conv(cout: 512, cin: 512, kernel: 3, stride: 2, input: 14)
        #expect(LayerWorkingMemory(bounds: .standard).perThreadBytes(stridedLarge) >= 48 * 512 * 2048)
        #expect(LayerWorkingMemory(bounds: .fast).perThreadBytes(stridedLarge) < 48 * 512 * 2048)
        // A 1×1 stride-2 conv: its compacted kernel is the weight; the full polyphase kernel exists only while
        // it is compacted. Absurd geometry estimates nothing (and does not trap).
        let memory0 = LayerWorkingMemory(bounds: .fast)
        let pointwise = Self.conv(cout: 2048, cin: 1024, kernel: 1), strided = Self.conv(cout: 2048, cin: 1024, kernel: 1, stride: 2)
        #expect(memory0.bytes(strided) == memory0.bytes(pointwise) + 8 * 2048 * 1024 * 4)
        var absurd = strided
        if case .conv(var c) = absurd {
            c.dilation = [Int.max, Int.max]
            absurd = .conv(c)
        }
        #expect(memory0.perThreadBytes(absurd) == 0 && LayerWorkEstimate(bounds: .fast).flops(absurd) == 0)
        // The per-thread estimate of a 512-channel 3×3 conv: its symbol batch and Gram matrix.
        let memory = LayerWorkingMemory(bounds: .fast)
        #expect(memory.perThreadBytes(Self.conv(cout: 512, cin: 512, kernel: 3)) >= 16 * 512 * 512 * 2)
        #expect(LayerWorkingMemory(bounds: .none).perThreadBytes(Self.conv(cout: 512, cin: 512, kernel: 3)) == 0)
    }

    /// Layers over the memory budget start first, then the most work; the 1×1 stride-2 conv counts only the
    /// polyphase channels its taps reach.
    @Test func startOrderPutsLayersThatRunAloneFirst() {
        let small = Self.conv(cout: 64, cin: 64, kernel: 3)
        let large = Self.conv(cout: 512, cin: 512, kernel: 3)
        let strided = Self.conv(cout: 512, cin: 512, kernel: 3, stride: 2)
        let pointwise = Self.conv(cout: 512, cin: 512, kernel: 1)
        let pointwiseStrided = Self.conv(cout: 512, cin: 512, kernel: 1, stride: 2)
        let estimate = LayerWorkEstimate(bounds: .fast)
        #expect(estimate.flops(pointwiseStrided) == estimate.flops(pointwise))
        #expect(estimate.flops(large) > estimate.flops(strided))
        #expect(estimate.flops(strided) > estimate.flops(small))
        let layers = [small, pointwise, large, strided]
        let memory = LayerWorkingMemory(bounds: .fast)
        #expect(estimate.startOrder(layers, cost: memory.bytes, budget: .max) == [2, 3, 1, 0])
        let budget = memory.bytes(strided) - 1
        #expect(memory.bytes(large) <= budget)
        #expect(estimate.startOrder(layers, cost: memory.bytes, budget: budget) == [3, 2, 1, 0])
    }

    static func conv(cout: Int, cin: Int, kernel: Int, stride: Int = 1, input: Int? = nil) -> LayerAnalysis.Layer {
        .conv(ConvLayer(
            name: "c", nodeIndex: 0, graph: "main", op: .conv, weightName: "w", weights: .notStatic(reason: "test"),
            weightShape: [cout, cin, kernel, kernel], spatialRank: 2, kernel: [kernel, kernel], stride: [stride, stride],
            dilation: [1, 1], pads: [kernel / 2, kernel / 2, kernel / 2, kernel / 2], group: 1, outputPadding: [0, 0],
            inputSize: input.map { [$0, $0] }, outputSize: input.map { [$0 / stride, $0 / stride] },
            inputChannels: cin, outputChannels: cout, quantized: false, integerUnits: false))
    }

    /// The estimate grows with the channels, covers at least the decoded weights and (3×3) the symbol's tap
    /// tables, adds the size-dependent buffers only when those figures are computed, and is 0 without figures.
    @Test func estimateFollowsTheAllocations() {
        let fast = LayerWorkingMemory(bounds: .fast), standard = LayerWorkingMemory(bounds: .standard)
        let small = Self.conv(cout: 64, cin: 64, kernel: 3, input: 56)
        let large = Self.conv(cout: 512, cin: 512, kernel: 3, input: 7)
        #expect(fast.bytes(large) > fast.bytes(small))
        // Weights as Double, their compacted copy and the complex tap table: 8·(1 + 1 + 2)·elements; when the
        // `asymptotic` budget pays for them also the two second-derivative tables and their weighted kernels,
        // 8·(1 + 1 + 6): at the standard effort for 256 channels, not for 512 (8 initial grids of 512-channel
        // points cost more than the 4e10-flop budget), never at the fast effort for either.
        let medium = Self.conv(cout: 256, cin: 256, kernel: 3, input: 14)
        #expect(fast.bytes(large) >= 32 * 512 * 512 * 9)
        // The kernel norms' tap Gram matrices, kept for `R3` when c_out ≤ c_in: a 512 × 511 layer (c_out > c_in,
        // none kept) needs at least 8 · 9 taps · 512² bytes less.
        let wide = Self.conv(cout: 512, cin: 511, kernel: 3, input: 7)
        #expect(fast.bytes(large) - fast.bytes(wide) >= 8 * 9 * 512 * 512)
        let tables = LayerWorkingMemory(bounds: .standard, sizeDependent: false)
        let noTables = LayerWorkingMemory(bounds: .standard, sizeDependent: false, effort: .fast)
        #expect(tables.bytes(large) == noTables.bytes(large))
        #expect(tables.bytes(medium) - noTables.bytes(medium) == 32 * 256 * 256 * 9)
        // The size-dependent buffers replace the size-independent ones (allocated after those are freed).
        #expect(standard.bytes(medium) >= tables.bytes(medium))
        #expect(standard.bytes(medium) < tables.bytes(medium) + (128 << 20) + 48 * 256 * 256 * 9)
        let layer = { (c: Int) -> ConvLayer in
            guard case .conv(let conv) = Self.conv(cout: c, cin: c, kernel: 3) else { fatalError() }
            return conv
        }
        let standardWork = SearchEffort.standard.tuning.asymptoticWork, fastWork = SearchEffort.fast.tuning.asymptoticWork
        #expect(!LayerWorkingMemory.buildsDerivativeTables(layer(512), outChannels: 512, inChannels: 512, strided: false, work: standardWork))
        #expect(LayerWorkingMemory.buildsDerivativeTables(layer(256), outChannels: 256, inChannels: 256, strided: false, work: standardWork))
        #expect(!LayerWorkingMemory.buildsDerivativeTables(layer(256), outChannels: 256, inChannels: 256, strided: false, work: fastWork))
        // 3×3 taps: [0, π] in 3 cells, the full circle in 6: 4 × 7 points, of which 20 differ by symmetry
        // (ω₂ = ±π once, ω₂ ↔ −ω₂ on ω₁ ∈ {0, π}).
        #expect(LayerWorkingMemory.initialGridPoints(3, 3) == 20)
        #expect(LayerWorkingMemory.initialGridPoints(1, 3) == 4)
        // `check` asks `standard` bounds for no size-dependent figure: no size-dependent buffers, and at the
        // fast effort no derivative tables.
        let checkFast = LayerWorkingMemory(bounds: .standard, sizeDependent: false, effort: .fast)
        #expect(checkFast.bytes(small) == fast.bytes(small) && checkFast.bytes(large) == fast.bytes(large))
        var lazy = AnalysisOptions(bounds: .standard, sizeDependentFigures: [])
        lazy.searchEffort = .fast
        #expect(LayerWorkingMemory(options: lazy).bytes(small) == fast.bytes(small))
        #expect(LayerWorkingMemory(options: AnalysisOptions(bounds: .standard)).bytes(small) == standard.bytes(small))
        #expect(standard.bytes(small) > fast.bytes(small))
        #expect(
            standard.bytes(Self.conv(cout: 64, cin: 64, kernel: 3))
                == LayerWorkingMemory(bounds: .fast, effort: .standard).bytes(small), "no input size")
        #expect(LayerWorkingMemory(bounds: .none).bytes(large) == 0)
        // Over every budget of a realistic model file: such a layer runs alone.
        let huge = Self.conv(cout: 1 << 20, cin: 1 << 20, kernel: 7, stride: 2, input: 1 << 20)
        #expect(standard.bytes(huge) > LayerWorkingMemory.budget(fileSize: 1 << 34))
        #expect(LayerWorkingMemory.budget(fileSize: 100 << 20)
            == 2 * (100 << 20) + (150 << 20) - LayerWorkingMemory.baseBytes - LayerWorkingMemory.marginBytes)
    }
}
