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

    @Test(.enabled(if: ExactTimingTests.enabled, "prints timings only with LIPLINT_PRINT_TIMINGS=1")) func resnetLayerTimings() throws {
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
            let plans = FFTPlanCache()
            var emb: EmbeddingFigure?
            let te = try seconds { emb = try spec.embeddingBound(input: size, plans: plans, threads: options.threads) }
            print("TIMING embedding \(name): wall \(String(format: "%.3f", te)) s, upper \(emb!.upper) on \(emb!.grid)")
            if n <= 56 {
                var circ: CirculantFigure?
                let tc = try seconds { circ = try spec.circulantSpectrum(input: size, plans: plans, includeValues: true, threads: options.threads) }
                print("TIMING circulant \(name): wall \(String(format: "%.3f", tc)) s, \(circ!.singularValues!.count) values, max \(circ!.max)")
            }
            let op = try ConvolutionOperator(spec: spec, input: size, threads: options.threads)
            let x = [Double](repeating: 1, count: op.cols), y = [Double](repeating: 1, count: op.rows)
            let ta = seconds { for _ in 0..<10 { _ = op.apply(x) } } / 10
            let tt = seconds { for _ in 0..<10 { _ = op.applyAdjoint(y) } } / 10
            print("TIMING apply \(name): T \(String(format: "%.2f", ta * 1000)) ms, Tᵀ \(String(format: "%.2f", tt * 1000)) ms")
        }
    }
}

@Suite struct ApproximationTimingTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "3", "prints timings only with LIPLINT_PRINT_TIMINGS=3")) func approximationTimings() throws {
        let def = DenseOperatorKernels.randomConv(cout: 64, cin: 64, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1)
        for basis in [32, 64] {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let top = try def.spec.topSingularValues(input: Size2D(56, 56), k: 8, options: LanczosOptions(basisSize: basis))
            let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            print("TIMING top-8 basis \(basis): \(String(format: "%.2f", t)) s \(top)")
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let a = try def.spec.approximateSingularValues(input: Size2D(56, 56))
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print("TIMING approximation 64→64 3×3 @56: \(String(format: "%.2f", t)) s, \(a.singularValues.count) values")
    }
}

@Suite struct DenseTimingTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "1", "prints timings only with LIPLINT_PRINT_TIMINGS=1")) func denseLayerTimings() {
        var rng = SeededGenerator(seed: 9)
        for (rows, cols) in [(1000, 2048), (2048, 2048), (1000, 4096)] {
            let w = rng.normals(rows * cols)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let fig = DenseLayerFigure.compute(weight: w, rows: rows, cols: cols)
            let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            print("TIMING dense \(rows)×\(cols): \(String(format: "%.3f", t)) s, \(fig.kind) \(fig.value)")
        }
    }
}

@Suite struct ExactConvergenceHistoryTests {
    /// Value and error estimate against the iteration cap (`LIPLINT_PRINT_TIMINGS=2`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "2", "prints the convergence history only with LIPLINT_PRINT_TIMINGS=2")) func history() throws {
        let def = DenseOperatorKernels.randomConv(cout: 64, cin: 64, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1)
        let op = try ConvolutionOperator(spec: def.spec, input: Size2D(56, 56))
        let reference = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: LanczosOptions(tolerance: 1e-12))
        print("HIST reference \(reference.values[0]) its \(reference.iterations)")
        for basis in [24, 32, 48, 64] {
            var ts = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
            let c0 = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
            let t0 = DispatchTime.now().uptimeNanoseconds
            let fig = try def.spec.exactNorm(input: Size2D(56, 56), options: LanczosOptions(basisSize: basis))
            let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
            let c = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 - c0
            print("HIST basis \(basis): its \(fig.iterations) wall \(t) cpu \(c) rel err \((reference.values[0] - fig.value) / reference.values[0])")
        }
    }
}

/// A diagonal operator with a dense, continuous-looking spectrum: its applications cost almost nothing, so
/// timing Lanczos on it measures the Krylov overhead (reorthogonalization, restarts) alone.
final class DiagonalOperator: LinearOperator {
    let rows: Int
    let cols: Int
    let d: [Double]
    init(n: Int) {
        rows = n
        cols = n
        d = (0..<n).map { 1 - 0.3 * Double($0) / Double(n) }
    }
    func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        for i in 0..<cols { y[i] = d[i] * x[i] }
    }
    func applyAdjoint(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        for i in 0..<cols { x[i] = d[i] * y[i] }
    }
}

@Suite struct LanczosOverheadTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "1", "prints timings only with LIPLINT_PRINT_TIMINGS=1")) func overheadPerIteration() {
        let op = DiagonalOperator(n: 200_704)
        for basis in [16, 32] {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = GolubKahanLanczos.topSingularValues(of: op, k: 1, options: LanczosOptions(maxIterations: 120, basisSize: basis))
            let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            let t1 = DispatchTime.now().uptimeNanoseconds
            var x = [Double](repeating: 1, count: op.cols)
            for _ in 0..<120 { x = op.apply(x); x = op.applyAdjoint(x) }
            let ta = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
            print("TIMING lanczos overhead n=200704 basis \(basis): \(String(format: "%.2f", 1000 * (t - ta) / Double(r.iterations))) ms per iteration (\(r.iterations) iterations)")
        }
    }
}
