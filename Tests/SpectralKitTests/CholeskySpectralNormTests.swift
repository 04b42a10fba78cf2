import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `RealSpectralNorm.byCholesky` (Lanczos Rayleigh quotient below, Cholesky test of `t·I − G` above) against
/// the dense SVD oracle (`dgesdd`) on seeded random matrices of several shapes: the interval must contain
/// `σ_max` and be at most `1e-4` wide relative to it.
@Suite struct CholeskySpectralNormTests {
    static let widthTarget = 1e-4

    /// `σ` inside `[lower, upper]`, allowing the oracle's own rounding (`dgesdd` is backward stable: `σ̂`
    /// within `~n·u·‖A‖₂` of `σ`, far below `1e-12` relative here).
    static func certifies(_ e: NormInterval, _ sigma: Double) -> Bool {
        e.lower <= sigma * (1 + 1e-12) && e.upper >= sigma * (1 - 1e-12)
    }

    static func width(_ e: NormInterval, _ sigma: Double) -> Double {
        sigma == 0 ? e.upper - e.lower : (e.upper - e.lower) / sigma
    }

    /// Row-major `rows × cols` test matrices by name.
    static func matrix(_ shape: String, seed: UInt64) -> (values: [Double], rows: Int, cols: Int) {
        var rng = SeededGenerator(seed: seed)
        switch shape {
        case "square": return (rng.normals(96 * 96), 96, 96)
        case "wide": return (rng.normals(70 * 160), 70, 160)
        case "tall": return (rng.normals(150 * 66), 150, 66)
        case "rank-deficient":  // rank 5: (90 × 5)·(5 × 80)
            let (b, c) = (rng.normals(90 * 5), rng.normals(5 * 80))
            var a = [Double](repeating: 0, count: 90 * 80)
            for i in 0..<90 { for j in 0..<80 { for r in 0..<5 { a[i * 80 + j] += b[i * 5 + r] * c[r * 80 + j] } } }
            return (a, 90, 80)
        case "repeated-top":  // diag(B, B): every singular value twice, the top one included
            let b = rng.normals(40 * 40)
            var a = [Double](repeating: 0, count: 80 * 80)
            for i in 0..<40 { for j in 0..<40 { a[i * 80 + j] = b[i * 40 + j]; a[(i + 40) * 80 + 40 + j] = b[i * 40 + j] } }
            return (a, 80, 80)
        case "scaled-identity":  // all singular values equal (the whole spectrum is the top)
            var a = [Double](repeating: 0, count: 72 * 72)
            for i in 0..<72 { a[i * 72 + i] = 3.25 }
            return (a, 72, 72)
        default:  // zero
            return ([Double](repeating: 0, count: 64 * 70), 64, 70)
        }
    }

    @Test(arguments: ["square", "wide", "tall", "rank-deficient", "repeated-top", "scaled-identity", "zero"])
    func enclosesTheDenseSVDWithinTheTarget(_ shape: String) {
        for seed: UInt64 in [11, 12, 13] {
            let m = Self.matrix(shape, seed: seed)
            let sigma = DenseOperator.norm(DenseOperator.Matrix(values: m.values, rows: m.rows, cols: m.cols))
            let (e, gram) = m.values.withUnsafeBufferPointer {
                RealSpectralNorm.byCholesky(
                    $0.baseAddress!, rows: m.rows, cols: m.cols, squaredSum: RealSpectralNorm.squaredSum($0), keepGram: true)
            }
            #expect(Self.certifies(e, sigma), "\(shape) seed \(seed): \(e) vs σ = \(sigma)")
            #expect(Self.width(e, sigma) <= Self.widthTarget, "\(shape) seed \(seed): width \(Self.width(e, sigma))")
            #expect(e.lower <= e.upper)
            if shape == "zero" {
                #expect(e == NormInterval(exactly: 0) && gram == nil)
            } else {
                // The Gram matrix kept is the one `of`'s path forms: the same enclosure from the eigensolver.
                let g = gram!
                let n = min(m.rows, m.cols)
                let viaEigensolver = g.withUnsafeBufferPointer {
                    RealSpectralNorm.fromGram($0.baseAddress!, n: n, k: max(m.rows, m.cols), squaredSum: m.values.reduce(0) { $0 + $1 * $1 })
                }
                #expect(Self.certifies(viaEigensolver, sigma))
            }
        }
    }

    /// The Cholesky test is what certifies the upper end: it must fail just below `λ_max = σ²` and succeed
    /// just above, and at the smallest shift that succeeds (found by bisection) `choleskyAllowance` must
    /// still reach `λ_max` — the rounding allowance is what makes a floating-point success a proof. Upper
    /// ends below the true value (`1e-11` below, and the smallest succeeding shift lowered by `1e-9`) must
    /// fail the enclosure check that the real enclosures pass.
    @Test(arguments: ["square", "wide", "tall", "repeated-top"])
    func theCholeskyTestSeparatesTheTopEigenvalue(_ shape: String) {
        let m = Self.matrix(shape, seed: 21)
        let n = min(m.rows, m.cols), k = max(m.rows, m.cols)
        let sigma = DenseOperator.norm(DenseOperator.Matrix(values: m.values, rows: m.rows, cols: m.cols))
        let lambda = sigma * sigma
        var g = [Double](repeating: 0, count: n * n)
        m.values.withUnsafeBufferPointer { a in
            g.withUnsafeMutableBufferPointer { RealSpectralNorm.gram(a.baseAddress!, rows: m.rows, cols: m.cols, into: $0.baseAddress!) }
        }
        var work = [Double](repeating: 0, count: n * n + 8 * n + 4096)
        func factorizes(_ t: Double) -> Bool {
            g.withUnsafeBufferPointer { SymmetricTopEigenvalue.factorizes($0.baseAddress!, n: n, shift: t, work: &work) }
        }
        #expect(!factorizes(lambda * (1 - 1e-9)))
        #expect(factorizes(lambda * (1 + 1e-9)))
        var (lo, hi) = (lambda * (1 - 1e-9), lambda * (1 + 1e-9))
        for _ in 0..<80 where hi.nextDown > lo {
            let mid = lo + (hi - lo) / 2
            if factorizes(mid) { hi = mid } else { lo = mid }
        }
        let frob2 = m.values.reduce(0) { $0 + $1 * $1 }
        let allowance = RealSpectralNorm.choleskyAllowance(shift: hi, n: n, k: k, squaredSum: frob2)
        #expect(allowance >= lambda * (1 - 1e-14))
        // The allowance must exceed the factorization's observed backward error ‖L̂L̂ᵀ − (t·I − Ĝ)‖_F at that
        // shift (evaluated in double, so itself only indicative, but nonzero: dropping the allowance fails).
        #expect(factorizes(hi))
        var residual2 = 0.0
        for i in 0..<n {
            for j in 0...i {
                var s = 0.0
                for r in 0...j { s += work[r * n + i] * work[r * n + j] }  // (L̂L̂ᵀ)[i, j], L̂ column-major lower
                let b = (i == j ? hi : 0) - g[j * n + i]
                residual2 += (i == j ? 1 : 2) * (s - b) * (s - b)
            }
        }
        #expect(residual2 > 0 && allowance - hi >= residual2.squareRoot(), "allowance \(allowance - hi) vs residual \(residual2.squareRoot())")
        // Mutants: an upper end below the true value must fail the enclosure check used above.
        let e = g.withUnsafeBufferPointer { SymmetricTopEigenvalue.enclose($0.baseAddress!, n: n, relativeWidth: 4e-5) }!
        #expect(e.rayleigh <= lambda * (1 + 1e-11) && e.shift >= lambda)
        let belowSmallestShift = NormInterval(lower: 0, upper: (hi * (1 - 1e-9)).squareRoot())
        #expect(!Self.certifies(NormInterval(lower: 0, upper: sigma * (1 - 1e-11)), sigma))
        #expect(!Self.certifies(belowSmallestShift, sigma))
    }

    /// Multi-tap kernels with `min(cout, cin) ≥ choleskyMinimumOrder` take the Cholesky path: every tap
    /// encloses the dense oracle within the target, the values do not depend on the thread count, and `R3`
    /// summed from the kept tap Gram matrices is unchanged (`RealSpectralNorm.of` on the values).
    @Test func multiTapKernelsTakeTheCholeskyPath() {
        let co = KernelNorms.choleskyMinimumOrder, ci = KernelNorms.choleskyMinimumOrder + 9
        let k = KernelNormsTests.kernel(seed: 31, out: co, in: ci, size: Size2D(2, 2))
        let one = KernelNorms.compute(for: [k], reshapeWorkCap: 1e10, threads: ThreadBudget(threads: 1))[0]
        let three = KernelNorms.compute(for: [k], reshapeWorkCap: 1e10, threads: ThreadBudget(threads: 3))[0]
        #expect(one.taps == three.taps && one.reshapes == three.reshapes)
        for p in 0..<2 {
            for q in 0..<2 {
                let tap = k.tapMatrix(p: p, q: q)
                let sigma = DenseOperator.norm(DenseOperator.Matrix(values: tap, rows: co, cols: ci))
                let e = one.taps[p * 2 + q]
                #expect(Self.certifies(e, sigma) && Self.width(e, sigma) <= Self.widthTarget, "tap \(p),\(q): \(e) vs \(sigma)")
                #expect(e != RealSpectralNorm.of(tap, rows: co, cols: ci), "the eigensolver path was taken")
            }
        }
        KernelNormsTests.expectR3(one, k)
    }
}

/// Timings of one tap norm by the eigensolver (`RealSpectralNorm.of`) and by the Cholesky test
/// (`byCholesky`) on random square taps, with the widths. Opt-in (`LIPLINT_BENCHMARK=1`); the work is in
/// BLAS/LAPACK, so a debug build gives representative ratios. Prints one line per size.
@Suite struct CholeskySpectralNormBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_BENCHMARK"] == "1", "opt-in timing"))
    func tapSizes() {
        BLASThreading.useSingleThread()
        for n in [64, 128, 256, 512] {
            var rng = SeededGenerator(seed: UInt64(n))
            let a = rng.normals(n * n)
            let frob2 = a.withUnsafeBufferPointer { RealSpectralNorm.squaredSum($0) }
            let reps = max(3, 2_000_000_000 / (n * n * n * 4))
            var eig = NormInterval(exactly: 0), chol = eig
            let t0 = Date()
            for _ in 0..<reps { eig = a.withUnsafeBufferPointer { RealSpectralNorm.of($0.baseAddress!, rows: n, cols: n, squaredSum: frob2) } }
            let t1 = Date()
            for _ in 0..<reps {
                chol = a.withUnsafeBufferPointer { RealSpectralNorm.byCholesky($0.baseAddress!, rows: n, cols: n, squaredSum: frob2, keepGram: false).norm }
            }
            let t2 = Date()
            let ms = { (d: TimeInterval) in String(format: "%.2f", 1000 * d / Double(reps)) }
            print("n=\(n) reps=\(reps) eigensolver \(ms(t1.timeIntervalSince(t0))) ms width \((eig.upper - eig.lower) / eig.upper)"
                + " | cholesky \(ms(t2.timeIntervalSince(t1))) ms width \((chol.upper - chol.lower) / chol.upper)")
            #expect(chol.lower <= eig.upper && eig.lower <= chol.upper)
        }
    }
}
