import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// How the `asymptotic` search spends its budget (docs/asymptotic-certificate.md §4): it stops once another
/// certified figure already settles the interval, and does not depend on the thread count. Every upper end
/// is checked against the independent references of `BernsteinBoundTests` (dense SVDs of the zero-padded
/// operator, `‖F‖` of the original kernel on a shifted grid), on its random layers (kernels 2–5, stride,
/// dilation, groups, depthwise).
@Suite struct AsymptoticBudgetTests {
    static let cases = BernsteinBoundTests.cases

    /// The raw search; `otherUpper` defaults to the layer's closed-form bounds (as in production, a finite
    /// certified figure).
    static func search(
        _ spec: ConvolutionSpec, work: Double, otherUpper: Double? = nil, tolerance: Double = 1e-3,
        threads: ThreadBudget = .allProcessors
    ) -> AsymptoticSearch.Result {
        let (kernels, _) = CompactKernel.compaction(of: spec)!
        let norms = KernelNorms.compute(for: kernels, reshapeWorkCap: 1e10)
        let closed = zip(kernels, norms).map { ClosedFormBounds.compute(kernel: $0, norms: $1).best }.max()!
        let options = SizeIndependentOptions(tolerance: tolerance, asymptoticWork: work)
        return SizeIndependentFigures.asymptoticSearch(
            kernels, norms, options, otherUpper: otherUpper ?? closed, threads: threads
        ).run()
    }

    @Test(arguments: cases.indices)
    func stopsOnceAnotherCertifiedFigureSettlesTheInterval(_ index: Int) {
        let spec = Self.cases[index]
        let reference = BernsteinBoundTests.reference(spec)
        // A tight certified upper end stands in for another figure of the layer.
        let tight = Self.search(spec, work: 4e10, otherUpper: nil, tolerance: 1e-6)
        #expect(reference <= tight.upper * (1 + 1e-12))
        let plain = Self.search(spec, work: 4e10)
        let helped = Self.search(spec, work: 4e10, otherUpper: tight.upper)
        #expect(plain.converged && helped.converged)
        // The layer's figure is the smaller upper end: still above every reference, and within tolerance.
        let upper = min(helped.upper, tight.upper)
        #expect(reference <= upper * (1 + 1e-12), "case \(index): \(reference) > \(upper)")
        #expect(upper <= helped.lower * (1 + 1e-3))
        #expect(helped.grid.evaluatedPoints <= plain.grid.evaluatedPoints)
    }

    @Test func theEarlyStopSavesPointsOnAFlatLandscape() {
        // A random 3×3 kernel: ‖F‖ is nearly flat, so the plain search refines the whole domain.
        let spec = Oracle.randomSpec(seed: 910, out: 12, inPerGroup: 12, kernel: Size2D(3, 3))
        let tight = Self.search(spec, work: 4e10, otherUpper: nil, tolerance: 1e-6)
        let plain = Self.search(spec, work: 4e10)
        let helped = Self.search(spec, work: 4e10, otherUpper: tight.upper)
        #expect(helped.grid.evaluatedPoints < plain.grid.evaluatedPoints / 2)
        #expect(BernsteinBoundTests.reference(spec) <= min(helped.upper, tight.upper) * (1 + 1e-12))
    }

    @Test(arguments: cases.indices)
    func resultsDoNotDependOnTheThreadCount(_ index: Int) {
        let spec = Self.cases[index]
        for work in [0, 3e5, 4e10] {
            let one = Self.search(spec, work: work, threads: .serial)
            let four = Self.search(spec, work: work, threads: ThreadBudget(threads: 4))
            #expect(one.lower == four.lower && one.upper == four.upper)
            #expect(one.grid == four.grid && one.maximizer == four.maximizer)
        }
    }
}
