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
        let options = SizeIndependentOptions(
            tolerance: Double(env["LIPLINT_BENCH_TOL"] ?? "") ?? 1e-3,
            asymptoticWork: Double(env["LIPLINT_BENCH_WORK"] ?? "") ?? 4e10,
            gramWork: Double(env["LIPLINT_BENCH_GRAM_WORK"] ?? "") ?? 2e9,
            reshapeWork: Double(env["LIPLINT_BENCH_RESHAPE_WORK"] ?? "") ?? 1e10)
        var total = 0.0
        for (n, s) in shapes.enumerated() {
            let pad = s.k / 2
            let spec = Oracle.randomSpec(
                seed: UInt64(100 + n), out: s.out, inPerGroup: s.cin, kernel: Size2D(s.k, s.k),
                stride: Size2D(s.stride, s.stride), pads: Padding(top: pad, left: pad, bottom: pad, right: pad))
            let start = DispatchTime.now().uptimeNanoseconds
            let f = SizeIndependentFigures.compute(for: spec, options: options)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            total += seconds
            let a = f.asymptotic
            print(String(
                format: "%2d %4dx%4dx%dx%d s%d %7.3fs  asym [%.4f, %.4f] gap %.1e pts %5d  tri %.3f blk %.3f frob %.3f ff %.3f%@ gram %.3f(t=%d) resh %.3f",
                n, s.out, s.cin, s.k, s.k, s.stride, seconds, a.lower, a.upper, a.gap, a.grid.evaluatedPoints,
                f.closedForm.triangle, f.closedForm.blockNorm, f.closedForm.frobenius, f.fantasticFour.upper,
                f.fantasticFour.reshapesUsed.count == 4 ? "" : "*", f.gram?.upper ?? -1, f.gram?.iterations ?? 0,
                f.reshaped.value))
        }
        print(String(format: "total %.3f s", total))
    }
}
