import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// The single-precision enclosure of `‖F‖₂²` (docs/asymptotic-certificate.md §5.2) against a dense
/// double-precision SVD, on seeded random and adversarial matrices.
@Suite struct SinglePrecisionGramEnclosureTests {
    /// A row-major `rows × cols` complex matrix (interleaved) with prescribed singular values `s`
    /// (`min(rows, cols)` of them): `U·diag(s)·Vᵀ·D` with real orthogonal `U`, `V` and a diagonal unitary `D`.
    private func withSingularValues(_ s: [Double], rows: Int, cols: Int, rng: inout SeededGenerator) -> [Double] {
        let u = OrthogonalMatrices.orthogonal(rows, rng: &rng), v = OrthogonalMatrices.orthogonal(cols, rng: &rng)
        let phases = (0..<cols).map { _ in Double.random(in: 0..<(2 * Double.pi), using: &rng) }
        var f = [Double](repeating: 0, count: 2 * rows * cols)
        for i in 0..<rows {
            for j in 0..<cols {
                var x = 0.0
                for k in 0..<s.count { x += u[i * rows + k] * s[k] * v[j * cols + k] }
                f[2 * (i * cols + j)] = x * cos(phases[j])
                f[2 * (i * cols + j) + 1] = x * sin(phases[j])
            }
        }
        return f
    }

    private func gaussian(rows: Int, cols: Int, rng: inout SeededGenerator) -> [Double] {
        rng.normals(2 * rows * cols)
    }

    /// The cases: (name, rows, cols, matrix). Random Gaussian (both orientations), clustered top singular
    /// values, a flat spectrum (`‖F‖_F² = n·‖F‖₂²`), a rank-one spike over noise, entries spanning 60 orders of
    /// magnitude (subnormal after rounding to `Float`), and tiny and huge overall scales.
    private func cases(seed: UInt64) -> [(String, Int, Int, [Double])] {
        var rng = SeededGenerator(seed: seed)
        var out: [(String, Int, Int, [Double])] = []
        out.append(("gaussian wide", 160, 200, gaussian(rows: 160, cols: 200, rng: &rng)))
        out.append(("gaussian tall", 210, 170, gaussian(rows: 210, cols: 170, rng: &rng)))
        let n = 176
        var clustered = (0..<n).map { _ in Double.random(in: 0..<0.999, using: &rng) }
        for i in 0..<6 { clustered[i] = 1 - Double(i) * 1e-9 }
        out.append(("clustered", n, n, withSingularValues(clustered, rows: n, cols: n, rng: &rng)))
        let flat = (0..<n).map { 1 - Double($0) * 1e-7 }
        out.append(("flat", n, n, withSingularValues(flat, rows: n, cols: n, rng: &rng)))
        var spike = gaussian(rows: 168, cols: 180, rng: &rng)
        let a = rng.normals(168), b = rng.normals(180)
        for i in 0..<168 { for j in 0..<180 { spike[2 * (i * 180 + j)] += 3 * a[i] * b[j] } }
        out.append(("spike", 168, 180, spike))
        var spread = gaussian(rows: 164, cols: 172, rng: &rng)
        for i in spread.indices { spread[i] *= pow(10, Double((i * 7919) % 61) - 30) }
        out.append(("spread 1e±30", 164, 172, spread))
        let base = gaussian(rows: 160, cols: 166, rng: &rng)
        out.append(("tiny 1e-120", 160, 166, base.map { $0 * 1e-120 }))
        out.append(("huge 1e120", 160, 166, base.map { $0 * 1e120 }))
        out.append(("float-tiny 1e-30", 160, 166, base.map { $0 * 1e-30 }))
        return out
    }

    /// `F = a·bᵀ` (real, 12-bit entries, so `F` is exact in single precision): the Cholesky factorization of
    /// `σI − Ĝ` hides an indefiniteness of a few 10⁻⁷ in its accumulated pivots.
    private func rankOne(seed: UInt64) -> (String, Int, Int, [Double]) {
        var rng = SeededGenerator(seed: seed)
        let (rows, cols) = (240, 256)
        func short() -> Double { Double(Int.random(in: 1024..<4096, using: &rng)) / 4096 }
        let a = (0..<rows).map { _ in short() }, b = (0..<cols).map { _ in short() }
        var f = [Double](repeating: 0, count: 2 * rows * cols)
        for i in 0..<rows { for j in 0..<cols { f[2 * (i * cols + j)] = a[i] * b[j] } }
        return ("rank one", rows, cols, f)
    }

    @Test func enclosesTheDenseValueOnRandomAndAdversarialMatrices() throws {
        let seeds: [UInt64] = heavyTests ? [11, 12, 13] : [11]
        for seed in seeds {
            for (name, rows, cols, f) in cases(seed: seed) {
                let s = DenseSVD.singularValues(complex: f, rows: rows, cols: cols)[0]
                let exact = s * s
                let e = try #require(f.withUnsafeBufferPointer {
                    SinglePrecisionGramEnclosure.squaredNorm($0.baseAddress!, rows: rows, cols: cols, shiftWidth: 1e-3)
                }, "\(name): declined")
                // The dense SVD itself is accurate to a few units of 1e-16 relative.
                #expect(e.lower <= exact * (1 + 1e-13), "\(name): lower \(e.lower) > \(exact)")
                #expect(exact <= e.upper * (1 + 1e-13), "\(name): upper \(e.upper) < \(exact)")
                // Narrow: the lower end is tight, the upper end within the documented few 10⁻² at this size.
                #expect(e.lower >= exact * (1 - 1e-4), "\(name): lower \(e.lower) far below \(exact)")
                #expect(e.upper <= exact * 1.05, "\(name): upper \(e.upper) too wide for \(exact)")
            }
        }
    }

    /// The margins are what make the upper end certified: with the Cholesky shift placed just *below* the
    /// top eigenvalue, single-precision Cholesky still succeeds on some of these matrices (its rounding hides
    /// an indefiniteness of ~10⁻⁷), and only the margins keep the returned upper end above the true value.
    /// Removing the Gram and Cholesky terms makes this test fail (checked by mutation).
    @Test func upperEndHoldsWhenTheShiftIsBelowTheEigenvalue() {
        var successes = 0
        for seed: UInt64 in [21, 22] {
            // Entries representable in single precision: the rounding of `F` to `Float` is exact, so only the
            // Gram and Cholesky margins stand between the shift and the returned upper end.
            for (name, rows, cols, exact) in cases(seed: seed).prefix(5) + [rankOne(seed: seed)] {
                let f = exact.map { Double(Float($0)) }
                let s = DenseSVD.singularValues(complex: f, rows: rows, cols: cols)[0]
                for width in [-1e-5, -3e-6, -1e-6, -3e-7, -1e-7, -3e-8] {
                    guard let e = f.withUnsafeBufferPointer({
                        SinglePrecisionGramEnclosure.squaredNorm(
                            $0.baseAddress!, rows: rows, cols: cols, shiftWidth: 0, shift: s * s * (1 + width))
                    }) else { continue }
                    successes += 1
                    #expect(s * s <= e.upper * (1 + 1e-13), "\(name), shift \(width): upper \(e.upper) < \(s * s)")
                    #expect(e.lower <= s * s * (1 + 1e-13))
                }
            }
        }
        // Some factorizations below the eigenvalue succeed, so the check above has teeth.
        #expect(successes >= 3, "only \(successes) factorizations succeeded below the eigenvalue")
    }

    @Test func scalesOutsideTheSafeRangeAreDeclined() {
        var rng = SeededGenerator(seed: 41)
        let f = gaussian(rows: 160, cols: 166, rng: &rng)
        for scale in [1e-150, 1e150] {
            let g = f.map { $0 * scale }
            let e = g.withUnsafeBufferPointer {
                SinglePrecisionGramEnclosure.squaredNorm($0.baseAddress!, rows: 160, cols: 166, shiftWidth: 1e-3)
            }
            #expect(e == nil)
        }
    }

    @Test func zeroMatrixIsExactlyZero() {
        let f = [Double](repeating: 0, count: 2 * 160 * 170)
        let e = f.withUnsafeBufferPointer {
            SinglePrecisionGramEnclosure.squaredNorm($0.baseAddress!, rows: 160, cols: 170, shiftWidth: 1e-3)
        }
        #expect(e?.lower == 0 && e?.upper == 0)
    }

    /// `SpectralDensity` with `tightOnlyNearMaximum`: every interval encloses the dense value, the batch's
    /// largest upper and lower ends are those of the double-precision path (to its width), every other upper
    /// end stays at most the largest lower end, and the values do not depend on the thread count.
    @Test func densityKeepsTheBatchMaximumTight() {
        var rng = SeededGenerator(seed: 31)
        let (co, ci) = (168, 176)
        let k = StrideOneKernel(outChannels: co, inChannels: ci, size: Size2D(3, 3), values: rng.normals(co * ci * 9))
        let density = SpectralDensity(kernel: k)
        let points = (0..<12).map { Frequency(Double($0 % 4) * Double.pi / 3, -Double.pi + Double($0) * 0.5) }
        let eta = 1.25e-4
        let plain = density.largestSingularValues(at: points, relativeWidth: eta, threads: ThreadBudget(threads: 1))
        let cheap = density.largestSingularValues(
            at: points, relativeWidth: eta, tightOnlyNearMaximum: true, threads: ThreadBudget(threads: 1))
        let cheap4 = density.largestSingularValues(
            at: points, relativeWidth: eta, tightOnlyNearMaximum: true, threads: ThreadBudget(threads: 4))
        #expect(cheap == cheap4)
        let values = density.evaluate(at: points)
        let per = density.valuesPerPoint
        let top = cheap.map(\.lower).max()!
        for (j, interval) in cheap.enumerated() {
            let s = DenseSVD.singularValues(complex: Array(values[(j * per)..<((j + 1) * per)]), rows: co, cols: ci)[0]
            #expect(interval.lower <= s * (1 + 1e-13) && s <= interval.upper * (1 + 1e-13), "point \(j)")
            #expect(interval.lower >= s * (1 - 1e-4))
            if interval.upper > plain[j].upper * (1 + eta) { #expect(interval.upper <= top, "point \(j)") }
        }
        let plainTop = plain.map(\.upper).max()!, cheapTop = cheap.map(\.upper).max()!
        #expect(abs(cheapTop / plainTop - 1) <= eta)
        #expect(abs(top / plain.map(\.lower).max()! - 1) <= eta)
    }
}
