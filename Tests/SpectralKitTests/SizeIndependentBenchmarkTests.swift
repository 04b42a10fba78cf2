import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// Timings of `SizeIndependentFigures.compute` on random kernels of ResNet-50's 53 convolution shapes.
/// Opt-in (`LIPLINT_BENCHMARK=1`, release mode: `swift test -c release --filter SizeIndependentBenchmark`);
/// prints one line per layer and the totals.
@Suite struct SizeIndependentBenchmarkTests {
    struct Shape {
        var out: Int, cin: Int, k: Int, stride: Int
    }

    static var resNet50: [Shape] {
        var shapes = [Shape(out: 64, cin: 3, k: 7, stride: 2)]
        var cin = 64
        for (width, blocks, firstStride) in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)] {
            for b in 0..<blocks {
                let s = b == 0 ? firstStride : 1
                shapes.append(Shape(out: width, cin: cin, k: 1, stride: 1))
                shapes.append(Shape(out: width, cin: width, k: 3, stride: s))
                shapes.append(Shape(out: 4 * width, cin: width, k: 1, stride: 1))
                if b == 0 { shapes.append(Shape(out: 4 * width, cin: cin, k: 1, stride: s)) }
                cin = 4 * width
            }
        }
        return shapes
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_BENCHMARK"] == "1"))
    func resNet50Shapes() {
        let shapes = Self.resNet50
        #expect(shapes.count == 53)
        let env = ProcessInfo.processInfo.environment
        let preset = env["LIPLINT_BENCH_PRESET"] == "fast" ? SizeIndependentOptions.fast : .standard
        let options = SizeIndependentOptions(
            tolerance: Double(env["LIPLINT_BENCH_TOL"] ?? "") ?? preset.tolerance,
            asymptoticWork: Double(env["LIPLINT_BENCH_WORK"] ?? "") ?? preset.asymptoticWork,
            gramWork: Double(env["LIPLINT_BENCH_GRAM_WORK"] ?? "") ?? preset.gramWork,
            reshapeWork: Double(env["LIPLINT_BENCH_RESHAPE_WORK"] ?? "") ?? preset.reshapeWork)
        var total = 0.0, totalCPU = 0.0
        let from = Int(env["LIPLINT_BENCH_FROM"] ?? "") ?? 0
        let to = Int(env["LIPLINT_BENCH_TO"] ?? "") ?? shapes.count
        for (n, s) in shapes.enumerated() where n >= from && n < to {
            let pad = s.k / 2
            let spec = Oracle.randomSpec(
                seed: UInt64(100 + n), out: s.out, inPerGroup: s.cin, kernel: Size2D(s.k, s.k),
                stride: Size2D(s.stride, s.stride), pads: Padding(top: pad, left: pad, bottom: pad, right: pad))
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = cpuSeconds()
            let f = SizeIndependentFigures.compute(for: spec, options: options)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpu = cpuSeconds() - cpuStart
            total += seconds
            totalCPU += cpu
            let a = f.asymptotic
            report(String(
                format: "%2d %4dx%4dx%dx%d s%d %7.3fs cpu %7.3fs  asym [%.4f, %.4f] gap %.1e pts %5d  tri %.3f blk %.3f frob %.3f ff %.3f%@ gram %.3f(t=%d) resh %.3f",
                n, s.out, s.cin, s.k, s.k, s.stride, seconds, cpu, a.lower, a.upper, a.gap, a.grid.evaluatedPoints,
                f.closedForm.triangle, f.closedForm.blockNorm, f.closedForm.frobenius, f.fantasticFour.upper,
                f.fantasticFour.reshapesUsed.count == 4 ? "" : "*", f.gram?.upper ?? -1, f.gram?.iterations ?? 0,
                f.reshaped.value))
        }
        report(String(format: "total %.3f s wall, %.3f s cpu (load average at start of the last layer: %@)", total, totalCPU,
                      (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"))
    }

    /// Process CPU time (all threads), seconds.
    private func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// One unbuffered line on standard error (survives a crash of a later layer).
    private func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension SizeIndependentBenchmarkTests {
    /// Phase timings of one ResNet-50 layer (`LIPLINT_BENCH_LAYER=n`).
    /// Or of any shape: `LIPLINT_BENCH_SHAPE=out,cinPerGroup,k,stride,groups`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_BENCH_LAYER"] != nil
                   || ProcessInfo.processInfo.environment["LIPLINT_BENCH_SHAPE"] != nil))
    func phases() {
        let env = ProcessInfo.processInfo.environment
        let spec: ConvolutionSpec
        if let shape = env["LIPLINT_BENCH_SHAPE"] {
            let v = shape.split(separator: ",").map { Int($0)! }
            spec = Oracle.randomSpec(seed: 7, out: v[0], inPerGroup: v[1], kernel: Size2D(v[2], v[2]),
                                     stride: Size2D(v[3], v[3]), groups: v[4])
        } else {
            let n = Int(env["LIPLINT_BENCH_LAYER"]!)!
            let s = Self.resNet50[n]
            spec = Oracle.randomSpec(
                seed: UInt64(100 + n), out: s.out, inPerGroup: s.cin, kernel: Size2D(s.k, s.k), stride: Size2D(s.stride, s.stride))
        }
        BLASThreading.useSingleThread()
        func time<T>(_ name: String, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let r = body()
            report(String(format: "%@ %.3f s", name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            return r
        }
        let kernels = time("compact") { CompactKernel.groups(of: spec)! }
        let norms = time("norms") { KernelNorms.compute(for: kernels, reshapeWorkCap: 1e10) }
        let gramWork = Double(env["LIPLINT_BENCH_GRAM_WORK"] ?? "") ?? 2e9
        _ = time("gram") { SpatialGramIteration(kernels: kernels, memoryCap: 256e6, workCap: gramWork, maxIterations: 8).run()?.iterations ?? 0 }
        let density = SpectralDensity(kernels: kernels)
        let points = (0..<8).map { Frequency(0.1 * Double($0), 0.3) }
        _ = time("8 points") { density.largestSingularValues(at: points) }
        _ = time("all (fast)") { SizeIndependentFigures.compute(for: spec, options: .fast) }
        _ = time("search") {
            AsymptoticSearch(density: density, curvature: (
                SizeIndependentFigures.curvature(axis: 0, kernels, norms, centre: density.centre.h),
                SizeIndependentFigures.curvature(axis: 1, kernels, norms, centre: density.centre.w)),
                tolerance: 1e-3, workBudget: 4e10).run().grid.evaluatedPoints
        }
    }
}
