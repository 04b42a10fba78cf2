import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// The Bernstein cell bound of docs/asymptotic-certificate.md §3.1 against independent lower references
/// (`Oracle`: the dense SVD of the zero-padded operator, and `‖F‖` of the original strided, dilated kernel on
/// a fine shifted grid, by a direct trigonometric sum) and against the additive bound of §3 alone.
@Suite struct BernsteinBoundTests {
    /// Random layers: kernel sizes 2–5, stride and dilation (through the polyphase kernel), groups.
    static let cases: [ConvolutionSpec] = [
        Oracle.randomSpec(seed: 101, out: 5, inPerGroup: 4, kernel: Size2D(3, 3)),
        Oracle.randomSpec(seed: 102, out: 3, inPerGroup: 6, kernel: Size2D(2, 2)),
        Oracle.randomSpec(seed: 103, out: 4, inPerGroup: 2, kernel: Size2D(4, 4), stride: Size2D(2, 2)),
        Oracle.randomSpec(seed: 104, out: 2, inPerGroup: 3, kernel: Size2D(5, 5)),
        Oracle.randomSpec(seed: 105, out: 3, inPerGroup: 3, kernel: Size2D(3, 3), dilation: Size2D(2, 2)),
        Oracle.randomSpec(seed: 106, out: 4, inPerGroup: 3, kernel: Size2D(3, 3), groups: 2),
        Oracle.randomSpec(seed: 107, out: 3, inPerGroup: 2, kernel: Size2D(5, 3), stride: Size2D(2, 1)),
        Oracle.randomSpec(seed: 108, out: 2, inPerGroup: 2, kernel: Size2D(3, 3), stride: Size2D(2, 2),
                          dilation: Size2D(2, 2)),
        Oracle.randomSpec(seed: 109, out: 6, inPerGroup: 1, kernel: Size2D(3, 4), groups: 6),
    ]

    /// Budgets from "initial grid only" (where the Bernstein factor `1/(1 − r)` is largest) to the default.
    static let budgets: [Double] = [0, 2e4, 3e5, SizeIndependentOptions.standard.asymptoticWork]

    /// The raw search result with and without §3.1.
    static func search(_ spec: ConvolutionSpec, work: Double, bernstein: Bool) -> AsymptoticSearch.Result {
        let (kernels, _) = CompactKernel.compaction(of: spec)!
        let norms = KernelNorms.compute(for: kernels, reshapeWorkCap: 1e10)
        let options = SizeIndependentOptions(asymptoticWork: work)
        return SizeIndependentFigures.asymptoticSearch(
            kernels, norms, options, otherUpper: .infinity, bernstein: bernstein
        ).run()
    }

    /// The largest of the independent lower references for `σ∞`.
    static func reference(_ spec: ConvolutionSpec) -> Double {
        var best = Oracle.bruteForceMaximum(spec, n: Oracle.heavy ? 96 : 40)
        for n in [5, 9, 13] {
            if let d = Oracle.denseNorm(spec, input: Size2D(n, n + 1)) { best = max(best, d) }
        }
        return best
    }

    @Test(arguments: cases.indices)
    func upperIsAboveTheReferencesAndBelowTheAdditiveBound(_ index: Int) {
        let spec = Self.cases[index]
        let ref = Self.reference(spec)
        for work in Self.budgets {
            let new = Self.search(spec, work: work, bernstein: true)
            #expect(ref <= new.upper * (1 + 1e-12), "case \(index), work \(work): \(ref) > \(new.upper)")
            #expect(new.lower <= new.upper)
            if work == 0 {
                // Same leaves (the initial grid), so every cell's key is at most its additive bound.
                let old = Self.search(spec, work: work, bernstein: false)
                #expect(new.upper <= old.upper * (1 + 1e-12), "case \(index): \(new.upper) > \(old.upper)")
            }
        }
    }

    @Test(arguments: cases.indices)
    func lowerEndIsAnAttainedValue(_ index: Int) {
        let spec = Self.cases[index]
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        let w = a.maximizer!
        let attained = Oracle.symbolNorm(spec, at: (w.w1, w.w2))
        #expect(abs(attained - a.lower) <= 1e-9 * a.lower, "case \(index): \(attained) vs \(a.lower)")
        #expect(a.converged && a.gap <= 1e-3)
        #expect(Self.reference(spec) <= a.upper * (1 + 1e-12))
    }

    @Test func bernsteinTightensTheInitialGridOnAFlatLandscape() {
        // A random kernel has a nearly flat ‖F(ω)‖; on the initial grid the relative Bernstein form
        // maxcorner/(1 − r) beats maxcorner + Σ h²S/8 (S ≈ 1.6·σ∞ here).
        let spec = Oracle.randomSpec(seed: 110, out: 12, inPerGroup: 12, kernel: Size2D(3, 3))
        let new = Self.search(spec, work: 0, bernstein: true)
        let old = Self.search(spec, work: 0, bernstein: false)
        #expect(new.upper < old.upper)
        #expect(Self.reference(spec) <= new.upper)
    }

    @Test func exponentialTypeIsHalfTheTapExtent() {
        // Non-zero taps only in rows 1…3 and columns 0…4 of a 5×5 grid: n = (1, 2).
        var v = [Double](repeating: 0, count: 25)
        v[1 * 5 + 0] = 1
        v[3 * 5 + 4] = -2
        let k = StrideOneKernel(outChannels: 1, inChannels: 1, size: Size2D(5, 5), values: v)
        let n = SizeIndependentFigures.exponentialType([k])
        #expect(n.0 == 1 && n.1 == 2)
    }
}
