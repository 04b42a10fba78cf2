import Foundation
import SpectralKit
import Testing
import TestSupport

/// Errors of an approximate sorted spectrum against the dense SVD (docs/spectral-methods §5).
struct SpectrumError {
    let sigmaMax: Double
    let sigmaMin: Double
    let l2: Double

    init(_ approx: [Double], _ truth: [Double]) {
        var a = approx.sorted(by: >)
        if a.count > truth.count { a.removeLast(a.count - truth.count) }
        while a.count < truth.count { a.append(0) }
        sigmaMax = abs(a[0] - truth[0]) / truth[0]
        // Relative to σ_max: the zero-padded operator is often nearly singular (σ_min ≪ σ_max), where an error
        // relative to σ_min itself says nothing (docs/approximation-accuracy.md).
        sigmaMin = abs(a.last! - truth.last!) / truth[0]
        let num = zip(a, truth).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let den = truth.reduce(0) { $0 + $1 * $1 }
        l2 = (num / den).squareRoot()
    }
}

@Suite struct ApproximationTests {
    @Test func dftGridEqualsTheCirculantSpectrum() throws {
        // Two independent evaluations of the symbol: direct separable sums vs FFTW.
        for c in oracleCases(seed: 600) where c.def.strides == (1, 1) && c.def.spec.outputSize(forInput: Size2D(c.input.0, c.input.1)) == Size2D(c.input.0, c.input.1) {
            let n = Size2D(c.input.0, c.input.1)
            let approx = try c.def.spec.approximateSingularValues(input: n, grid: .dft, exactTop: 0)
            let circ = try c.def.spec.circulantSpectrum(input: n, plans: FFTPlanCache(), includeValues: true)
            #expect(maxDiff(approx.singularValues, circ.singularValues!) <= 1e-10 * circ.max, "\(c)")
        }
    }

    @Test func listHasTheOperatorsCountAndExactTop() throws {
        for c in oracleCases(seed: 700) {
            let n = Size2D(c.input.0 + 3, c.input.1 + 3)
            let dense = DenseOperator.singularValues(DenseOperator.conv(c.def, input: n.h, n.w))
            let approx = try c.def.spec.approximateSingularValues(input: n, lanczos: LanczosOptions(tolerance: 1e-10))
            #expect(approx.singularValues.count == dense.count, "\(c)")
            #expect(approx.singularValues == approx.singularValues.sorted(by: >))
            for i in 0..<min(approx.exactTop, dense.count) {
                #expect(abs(approx.singularValues[i] - dense[i]) <= 1e-7 * dense[0], "\(c) σ\(i)")
            }
        }
    }

    @Test func tooLargeIsATypedError() {
        let def = DenseOperatorKernels.randomConv(cout: 2, cin: 4, kernel: (3, 3), seed: 1)
        #expect(throws: SizeDependentError.tooLarge(size: 4 * 600 * 600, limit: 1 << 20)) {
            try def.spec.approximateSingularValues(input: Size2D(600, 600))
        }
    }

    /// Prints the accuracy table of docs/approximation-accuracy.md (`LIPLINT_PRINT_TABLES=1`, release mode).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_PRINT_TABLES"] == "1", "prints the accuracy table only with LIPLINT_PRINT_TABLES=1")) func accuracyTable() throws {
        typealias K = DenseOperatorKernels
        let kernels: [(String, ConvDefinition)] = [
            ("4→4 3×3 same", K.randomConv(cout: 4, cin: 4, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 1)),
            ("8→8 3×3 same", K.randomConv(cout: 8, cin: 8, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 2)),
            ("1→1 5×5 same", K.randomConv(cout: 1, cin: 1, kernel: (5, 5), pads: (2, 2, 2, 2), seed: 3)),
            ("4→8 3×3 same", K.randomConv(cout: 8, cin: 4, kernel: (3, 3), pads: (1, 1, 1, 1), seed: 4)),
            ("4→4 3×3 valid", K.randomConv(cout: 4, cin: 4, kernel: (3, 3), seed: 5)),
            ("4→4 3×3 dil 2 same", K.randomConv(cout: 4, cin: 4, kernel: (3, 3), dilations: (2, 2), pads: (2, 2, 2, 2), seed: 6)),
            ("4→8 3×3 stride 2", K.randomConv(cout: 8, cin: 4, kernel: (3, 3), strides: (2, 2), pads: (1, 1, 1, 1), seed: 7)),
            ("8 depthwise 3×3 same", K.randomConv(cout: 8, cin: 8, kernel: (3, 3), pads: (1, 1, 1, 1), group: 8, seed: 8)),
        ]
        let sizes = [6, 8, 12, 16]
        var lines = ["| kernel | n | σmin/σmax | circulant | dft | half-shifted | sine | sine + exact top 8 |", "|---|---|---|---|---|---|---|---|"]
        func fmt(_ e: SpectrumError) -> String {
            String(format: "%.2f%% / %.2f%% / %.2f%%", 100 * e.sigmaMax, 100 * e.sigmaMin, 100 * e.l2)
        }
        var sums = [String: (Double, Double, Double, Int)]()
        for (name, def) in kernels {
            for n in sizes {
                let size = Size2D(n, n)
                let truth = DenseOperator.singularValues(DenseOperator.conv(def, input: n, n))
                let circ = try def.spec.circulantSpectrum(input: size, plans: FFTPlanCache(), includeValues: true)
                let ce = SpectrumError(circ.singularValues!, truth)
                let c = sums["circulant"] ?? (0, 0, 0, 0)
                sums["circulant"] = (c.0 + ce.sigmaMax, c.1 + ce.sigmaMin, c.2 + ce.l2, c.3 + 1)
                var row = "| \(name) | \(n) | \(String(format: "%.1e", truth.last! / truth[0])) | \(fmt(ce)) |"
                for grid in ApproximationGrid.allCases {
                    let e = SpectrumError(try def.spec.approximateSingularValues(input: size, grid: grid, exactTop: 0).singularValues, truth)
                    row += " \(fmt(e)) |"
                    let s = sums[grid.rawValue] ?? (0, 0, 0, 0)
                    sums[grid.rawValue] = (s.0 + e.sigmaMax, s.1 + e.sigmaMin, s.2 + e.l2, s.3 + 1)
                }
                let final = SpectrumError(try def.spec.approximateSingularValues(input: size).singularValues, truth)
                row += " \(fmt(final)) |"
                let f = sums["sine + exact top 8"] ?? (0, 0, 0, 0)
                sums["sine + exact top 8"] = (f.0 + final.sigmaMax, f.1 + final.sigmaMin, f.2 + final.l2, f.3 + 1)
                lines.append(row)
            }
        }
        print("TABLE-BEGIN")
        for l in lines { print(l) }
        for (k, s) in sums.sorted(by: { $0.key < $1.key }) {
 print(String(format: "| mean of %d cases | %@ | σmax %.2f%% | σmin %.2f%% | ℓ2 %.2f%% |", s.3, k, 100 * s.0 / Double(s.3), 100 * s.1 / Double(s.3), 100 * s.2 / Double(s.3)))
        }
        print("TABLE-END")
    }
}
