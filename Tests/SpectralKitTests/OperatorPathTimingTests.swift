import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// im2col against the shifted-GEMM path on the same layers (`LIPLINT_PRINT_TIMINGS=1`, release mode), and a
/// check that both paths agree.
@Suite struct OperatorPathTimingTests {
    @Test func bothStrideOnePathsAgree() throws {
        var rng = SeededGenerator(seed: 61)
        for c in oracleCases(seed: 900) where c.def.strides == (1, 1) {
            let n = Size2D(c.input.0, c.input.1)
            let a = try ConvolutionOperator(spec: c.def.spec, input: n, threads: ThreadBudget(threads: 2), allowShifted: true)
            let b = try ConvolutionOperator(spec: c.def.spec, input: n, threads: ThreadBudget(threads: 2), allowShifted: false)
            let x = rng.normals(a.cols), y = rng.normals(a.rows)
            #expect(maxDiff(a.apply(x), b.apply(x)) <= 1e-12 * (1 + maxAbs(b.apply(x))))
            #expect(maxDiff(a.applyAdjoint(y), b.applyAdjoint(y)) <= 1e-12 * (1 + maxAbs(b.applyAdjoint(y))))
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "1", "prints timings only with LIPLINT_PRINT_TIMINGS=1")) func pathTimings() throws {
        for (co, ci, n) in [(64, 64, 56), (128, 128, 28), (256, 256, 14), (512, 512, 7)] {
            let def = DenseOperatorKernels.randomConv(cout: co, cin: ci, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 3)
            for shifted in [true, false] {
                let op = try ConvolutionOperator(spec: def.spec, input: Size2D(n, n), threads: .allProcessors, allowShifted: shifted)
                let x = [Double](repeating: 1, count: op.cols), y = [Double](repeating: 1, count: op.rows)
                _ = op.apply(x)
                let t0 = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<20 { _ = op.apply(x); _ = op.applyAdjoint(y) }
                let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 20e6
                print("TIMING path \(co)→\(ci) 3×3 @\(n) \(shifted ? "shifted" : "im2col"): T + Tᵀ \(String(format: "%.2f", t)) ms")
            }
        }
    }
}
