import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `ParallelMap` honours the thread count handed down (never more threads inside `body` at once, one thread
/// = the caller's), keeps index order, and the figures computed through it do not depend on the count.
@Suite struct ParallelMapTests {
    /// Counts the calls inside `body` at the same time, and the threads seen.
    final class Concurrency: @unchecked Sendable {
        // Safe: every property is only touched under `lock`.
        private let lock = NSLock()
        private var inside = 0
        private(set) var most = 0
        private(set) var threads: Set<pthread_t> = []

        func enter() {
            lock.lock()
            inside += 1
            most = max(most, inside)
            threads.insert(pthread_self())
            lock.unlock()
        }

        func leave() {
            lock.lock()
            inside -= 1
            lock.unlock()
        }
    }

    @Test(arguments: [1, 2, 3])
    func neverMoreThreadsThanHandedDown(threads: Int) {
        let seen = Concurrency()
        let values = ParallelMap.map(count: 40, threads: ThreadBudget(threads: threads)) { i -> Int in
            seen.enter()
            usleep(300)
            seen.leave()
            return i * i
        }
        #expect(values == (0..<40).map { $0 * $0 })
        #expect(seen.most <= threads)
        #expect(seen.threads.count <= threads)
        if threads == 1 {
            #expect(seen.threads == [pthread_self()], "one thread: the caller's")
        }
    }

    @Test func emptyAndSingleItems() {
        #expect(ParallelMap.map(count: 0, threads: ThreadBudget(threads: 4)) { $0 }.isEmpty)
        #expect(ParallelMap.map(count: 1, threads: ThreadBudget(threads: 4)) { $0 + 7 } == [7])
    }

    /// Every figure is the same bit for bit on 1, 2 and 3 threads (random layers: strided, grouped, 1×1).
    @Test(arguments: [
        (seed: UInt64(11), out: 6, inPerGroup: 5, kernel: Size2D(3, 3), stride: Size2D(1, 1), groups: 1),
        (seed: UInt64(12), out: 8, inPerGroup: 3, kernel: Size2D(3, 3), stride: Size2D(2, 2), groups: 2),
        (seed: UInt64(13), out: 5, inPerGroup: 7, kernel: Size2D(1, 1), stride: Size2D(2, 2), groups: 1),
        (seed: UInt64(14), out: 4, inPerGroup: 4, kernel: Size2D(5, 3), stride: Size2D(2, 1), groups: 1),
    ])
    func sizeIndependentFiguresDoNotDependOnTheThreadCount(
        _ c: (seed: UInt64, out: Int, inPerGroup: Int, kernel: Size2D, stride: Size2D, groups: Int)
    ) {
        let spec = Oracle.randomSpec(
            seed: c.seed, out: c.out, inPerGroup: c.inPerGroup, kernel: c.kernel, stride: c.stride, groups: c.groups)
        let figures = [1, 2, 3].map { n in
            SizeIndependentFigures.compute(for: spec, options: .standard, threads: ThreadBudget(threads: n))
        }
        #expect(figures[1] == figures[0])
        #expect(figures[2] == figures[0])
        #expect(figures[0].asymptotic.upper.isFinite && figures[0].asymptotic.upper > 0)
    }
}
