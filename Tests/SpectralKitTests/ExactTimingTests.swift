import Foundation
import SpectralKit
import Testing
import TestSupport

/// Timings of the size-dependent figures on ResNet-sized layers, printed when `LIPLINT_PRINT_TIMINGS=1`
/// (run in release mode: `swift test -c release --filter ExactTimingTests`).
@Suite struct ExactTimingTests {
    static let enabled = ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "1"

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// CPU time of the whole process (all threads), in seconds: less sensitive to other load on the machine.
    func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @Test func resnetLayerTimings() throws {
        guard Self.enabled else { return }
        let layers: [(String, ConvDefinition, Int)] = [
            ("64→64 3×3 @56", DenseOperatorKernels.randomConv(cout: 64, cin: 64, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1), 56),
            ("128→128 3×3 @28", DenseOperatorKernels.randomConv(cout: 128, cin: 128, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 2), 28),
            ("256→64 1×1 @56", DenseOperatorKernels.randomConv(cout: 64, cin: 256, kernel: (1, 1), seed: 3), 56),
            ("3→64 7×7/2 @224", DenseOperatorKernels.randomConv(cout: 64, cin: 3, kernel: (7, 7), strides: (2, 2), pads: (3, 3, 3, 3), seed: 4), 224),
            ("512→512 3×3 @7", DenseOperatorKernels.randomConv(cout: 512, cin: 512, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 5), 7),
        ]
        let threads = Int(ProcessInfo.processInfo.environment["LIPLINT_THREADS"] ?? "") ?? ThreadBudget.allProcessors.threads
        let basis = Int(ProcessInfo.processInfo.environment["LIPLINT_BASIS"] ?? "") ?? LanczosOptions().basisSize
        let options = LanczosOptions(basisSize: basis, threads: ThreadBudget(threads: threads))
        for (name, def, n) in layers {
            let spec = def.spec, size = Size2D(n, n)
            var fig: ExactFigure?
            let c0 = cpuSeconds()
            let t = try seconds { fig = try spec.exactNorm(input: size, options: options) }
            let cpu = cpuSeconds() - c0
            print("TIMING exact \(name): wall \(String(format: "%.3f", t)) s, cpu \(String(format: "%.3f", cpu)) s, value \(fig!.value), iterations \(fig!.iterations), converged \(fig!.converged)")
            let op = try ConvolutionOperator(spec: spec, input: size, threads: options.threads)
            let x = [Double](repeating: 1, count: op.cols), y = [Double](repeating: 1, count: op.rows)
            let ta = seconds { for _ in 0..<10 { _ = op.apply(x) } } / 10
            let tt = seconds { for _ in 0..<10 { _ = op.applyAdjoint(y) } } / 10
            print("TIMING apply \(name): T \(String(format: "%.2f", ta * 1000)) ms, Tᵀ \(String(format: "%.2f", tt * 1000)) ms")
        }
    }
}

@Suite struct ExactConvergenceHistoryTests {
    /// Value and error estimate against the iteration cap (`LIPLINT_PRINT_TIMINGS=2`).
    @Test func history() throws {
        guard ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "2" else { return }
        let def = DenseOperatorKernels.randomConv(cout: 64, cin: 64, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1)
        let op = try ConvolutionOperator(spec: def.spec, input: Size2D(56, 56))
        let reference = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: LanczosOptions(tolerance: 1e-12))
        print("HIST reference \(reference.values[0]) its \(reference.iterations)")
        for basis in [16, 24, 32, 48] {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let fig = try def.spec.exactNorm(input: Size2D(56, 56), options: LanczosOptions(basisSize: basis))
            let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            print("HIST basis \(basis): its \(fig.iterations) wall \(t) rel err \((reference.values[0] - fig.value) / reference.values[0])")
        }
    }
}
