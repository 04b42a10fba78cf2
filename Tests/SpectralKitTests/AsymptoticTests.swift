import Foundation
@testable import SpectralKit
import Testing
import TestSupport

@Suite struct AsymptoticTests {
    @Test func onesRowHasSigmaInfinityTwo() {
        // K = ones(1, 4, 1, 1): F is the constant row (1, 1, 1, 1), σ∞ = 2 (docs §2 item 4).
        let spec = ConvolutionSpec(weight: [1, 1, 1, 1], outChannels: 1, inChannelsPerGroup: 4, kernel: Size2D(1, 1))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        #expect(abs(a.lower - 2) < 1e-12 && abs(a.upper - 2) < 1e-12)
        #expect(a.converged && a.grid.evaluatedPoints == 1)
    }

    @Test func averagePoolStrideTwoHasNormOneHalf() {
        let spec = ConvolutionSpec(weight: [0.25, 0.25, 0.25, 0.25], outChannels: 1, inChannelsPerGroup: 1,
                                   kernel: Size2D(2, 2), stride: Size2D(2, 2))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        #expect(abs(a.lower - 0.5) < 1e-12 && abs(a.upper - 0.5) < 1e-12)
    }

    @Test func strideOneAveragePoolHasNormOne() {
        // The naive alternative of docs §1: the same kernel at stride 1 has σ∞ = |Σ K| = 1 at ω = 0.
        let spec = ConvolutionSpec(weight: [0.25, 0.25, 0.25, 0.25], outChannels: 1, inChannelsPerGroup: 1,
                                   kernel: Size2D(2, 2))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        #expect(a.lower <= 1 && a.upper >= 1 && a.converged)
        #expect(abs(a.lower - 1) < 1e-9)  // ω = 0 is a corner of the initial grid
    }

    @Test func gaussianKernelOfSixtyFourChannelsIsNearTwo() {
        // docs §2: a 64×64×3×3 Gaussian kernel (LeCun scaling) has σ∞ ≈ 2.01: order of magnitude only.
        let spec = Oracle.randomSpec(seed: 64, out: 64, inPerGroup: 64, kernel: Size2D(3, 3))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        #expect(a.converged && a.gap <= 1e-3)
        #expect(a.lower > 1.8 && a.upper < 2.6)
    }

    @Test func certifiedIntervalContainsTheBruteForceMaximum() {
        let cases: [ConvolutionSpec] = [
            Oracle.randomSpec(seed: 1, out: 3, inPerGroup: 2, kernel: Size2D(3, 3)),
            Oracle.randomSpec(seed: 2, out: 2, inPerGroup: 3, kernel: Size2D(2, 4), stride: Size2D(2, 1)),
            Oracle.randomSpec(seed: 3, out: 1, inPerGroup: 1, kernel: Size2D(5, 1)),
            Oracle.randomSpec(seed: 4, out: 4, inPerGroup: 1, kernel: Size2D(3, 3), dilation: Size2D(2, 2), groups: 4),
        ]
        for spec in cases {
            let a = SizeIndependentFigures.compute(for: spec).asymptotic
            #expect(a.converged && a.lower <= a.upper && a.gap <= 1e-3)
            let brute = Oracle.bruteForceMaximum(spec, n: Oracle.heavy ? 160 : 48)
            #expect(brute <= a.upper * (1 + 1e-12))
            // A fine grid comes close to σ∞ from below; the branch and bound's attained values agree with it.
            #expect(brute >= a.lower * (1 - 2e-2))
        }
    }

    @Test func toleranceIsHonoured() {
        let spec = Oracle.randomSpec(seed: 5, out: 6, inPerGroup: 5, kernel: Size2D(3, 3))
        for tol in [1e-2, 1e-3, 1e-5] {
            let a = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(tolerance: tol)).asymptotic
            #expect(a.converged && a.gap <= tol && a.tolerance == tol)
        }
    }

    @Test func exhaustedBudgetStillReportsACertifiedInterval() {
        let spec = Oracle.randomSpec(seed: 6, out: 8, inPerGroup: 8, kernel: Size2D(3, 3))
        let fine = SizeIndependentFigures.compute(for: spec).asymptotic
        let poor = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(asymptoticWork: 0)).asymptotic
        #expect(!poor.converged || poor.gap <= 1e-3)
        #expect(poor.lower <= fine.upper && poor.upper >= fine.lower)
        #expect(poor.grid.evaluatedPoints < fine.grid.evaluatedPoints)
    }

    @Test func singleTapAxesAreNotSearched() {
        let spec = Oracle.randomSpec(seed: 7, out: 3, inPerGroup: 3, kernel: Size2D(1, 5))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        #expect(a.converged && a.grid.finestCell[0] == 0 && a.grid.initialCells.h == 1)
        #expect(Oracle.bruteForceMaximum(spec, n: 64) <= a.upper)
    }

    @Test func denseNormApproachesSigmaInfinityFromBelow() {
        let spec = Oracle.randomSpec(seed: 8, out: 2, inPerGroup: 2, kernel: Size2D(3, 3),
                                     pads: Padding(top: 1, left: 1, bottom: 1, right: 1))
        let a = SizeIndependentFigures.compute(for: spec).asymptotic
        let sizes = Oracle.heavy ? [2, 4, 8, 16, 24] : [2, 4, 8, 12]
        let norms = sizes.map { Oracle.denseNorm(spec, input: Size2D($0, $0))! }
        for n in norms { #expect(n <= a.upper) }
        for (x, y) in zip(norms, norms.dropFirst()) { #expect(y >= x - 1e-12) }  // nested compressions
        #expect(norms.last! >= 0.9 * a.lower)
        #expect(a.lower - norms.last! < a.lower - norms.first!)
    }
}
