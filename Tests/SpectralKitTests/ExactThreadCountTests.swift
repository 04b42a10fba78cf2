import Foundation
import SpectralKit
import Testing
import TestSupport

/// The Lanczos `exact` figure is the same bit for bit on 1, 2 and 3 threads: its sums are cut into pieces
/// that do not depend on the thread count (`VectorKernels`), and the operator's row and channel splits leave
/// each output value's arithmetic unchanged. Layers large enough that the Krylov side (the smaller of input
/// and output) reaches `VectorKernels.parallelThreshold` (65,536 values), so the split paths run: the
/// stride-1 path (`ShiftedGemmPlan`), the im2col path (stride 2) and a 1-wide-group layer.
@Suite struct ExactThreadCountTests {
    @Test(arguments: [
        (name: "16→16 3×3 @64", conv: DenseOperatorKernels.randomConv(cout: 16, cin: 16, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 31), n: 64),
        (name: "16→32 3×3/2 @96", conv: DenseOperatorKernels.randomConv(cout: 32, cin: 16, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: 32), n: 96),
        (name: "24→16 5×3 @68", conv: DenseOperatorKernels.randomConv(cout: 16, cin: 24, kernel: (5, 3), pads: (2, 1, 2, 1), seed: 33), n: 68),
    ])
    func exactDoesNotDependOnTheThreadCount(_ c: (name: String, conv: ConvDefinition, n: Int)) throws {
        let spec = c.conv.spec, size = Size2D(c.n, c.n)
        let figures = try [1, 2, 3, 1].map { t in
            try spec.exactNorm(input: size, options: LanczosOptions(threads: ThreadBudget(threads: t)))
        }
        let op = try ConvolutionOperator(spec: spec, input: size)
        #expect(min(op.rows, op.cols) >= 1 << 16, "\(c.name): the Krylov side must reach the split threshold")
        for f in figures.dropFirst() {
            #expect(f.value.bitPattern == figures[0].value.bitPattern, "\(c.name): \(f.value) vs \(figures[0].value)")
            #expect(f.lower.bitPattern == figures[0].lower.bitPattern, "\(c.name)")
            #expect(f.iterations == figures[0].iterations, "\(c.name)")
        }
        #expect(figures[0].converged && figures[0].iterations > 0)
    }

    /// A budget that borrows spare threads reads their count anew at each parallel section: changing it while
    /// Lanczos runs (a thread toggling 0 ↔ 2 spare) gives the fixed budget's figure bit for bit.
    @Test func borrowedThreadsChangingDuringTheRunGiveTheSameFigure() throws {
        let conv = DenseOperatorKernels.randomConv(cout: 16, cin: 16, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 34)
        let spec = conv.spec, size = Size2D(64, 64)
        let fixed = try spec.exactNorm(input: size, options: LanczosOptions(threads: .serial))
        let spare = SpareThreads()
        let budget = ThreadBudget(threads: 1, borrowingFrom: spare, limit: 3)
        #expect(budget.threads == 1)
        spare.add(5)
        #expect(budget.threads == 3, "never above the limit")
        spare.add(-5)
        let stop = SpareThreads()
        let toggler = Thread {
            while stop.available == 0 {
                spare.add(2)
                usleep(700)
                spare.add(-2)
                usleep(500)
            }
        }
        toggler.start()
        let borrowed = try spec.exactNorm(input: size, options: LanczosOptions(threads: budget))
        stop.add(1)
        #expect(borrowed.value.bitPattern == fixed.value.bitPattern)
        #expect(borrowed.lower.bitPattern == fixed.lower.bitPattern)
        #expect(borrowed.iterations == fixed.iterations)
    }
}
