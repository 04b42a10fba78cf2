import Foundation
import SpectralKit
import Testing
import TestSupport

/// Lanczos steps of the `exact` figure from a random start and from the plane wave at the `asymptotic`
/// search's maximizer, on ResNet-50-shaped layers; printed with `LIPLINT_PRINT_TIMINGS=2` (a measurement,
/// not a test: docs/benchmarks.md, issue 13). Steps are deterministic; the CPU seconds are the process's.
@Suite struct ExactWarmStartMeasurementTests {
    static let enabled = ProcessInfo.processInfo.environment["LIPLINT_PRINT_TIMINGS"] == "2"

    func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @Test(.enabled(if: ExactWarmStartMeasurementTests.enabled, "prints step counts only with LIPLINT_PRINT_TIMINGS=2"))
    func resnetLayerSteps() throws {
        typealias K = DenseOperatorKernels
        let layers: [(String, ConvDefinition, Int)] = [
            ("3→64 7×7/2 @224", K.randomConv(cout: 64, cin: 3, kernel: (7, 7), strides: (2, 2), pads: (3, 3, 3, 3), seed: 4), 224),
            ("64→64 3×3 @56", K.randomConv(cout: 64, cin: 64, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1), 56),
            ("128→128 3×3/2 @56", K.randomConv(cout: 128, cin: 128, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: 6), 56),
            ("128→128 3×3 @28", K.randomConv(cout: 128, cin: 128, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 2), 28),
            ("256→256 3×3 @14", K.randomConv(cout: 256, cin: 256, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 7), 14),
            ("512→512 3×3 @7", K.randomConv(cout: 512, cin: 512, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 5), 7),
        ]
        let only = ProcessInfo.processInfo.environment["LIPLINT_LAYER"].flatMap(Int.init)
        for (index, (name, def, n)) in layers.enumerated() where only == nil || only == index {
            let spec = def.spec, size = Size2D(n, n)
            let c0 = cpuSeconds()
            let figures = SizeIndependentFigures.compute(for: spec, options: .fast)
            let c1 = cpuSeconds()
            let cold = try spec.exactNorm(input: size)
            let c2 = cpuSeconds()
            let w = try #require(figures.asymptotic.maximizer)
            let warm = try spec.exactNorm(input: size, start: .frequency(w))
            let c3 = cpuSeconds()
            let diff = abs(warm.value - cold.value) / cold.value
            print("STEPS \(name): asymptotic \(String(format: "%.2f", c1 - c0)) s at \(w); random \(cold.iterations) steps \(String(format: "%.2f", c2 - c1)) s; warm \(warm.iterations) steps \(String(format: "%.2f", c3 - c2)) s; values \(cold.value) / \(warm.value) (rel. diff \(diff))")
        }
    }
}
