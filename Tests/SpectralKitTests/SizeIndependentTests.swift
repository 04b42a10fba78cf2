import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// The proof obligations of the size-independent figures, on random layers across strides, dilations,
/// groups and kernel shapes: every `upper` figure bounds the explicit operator's norm at several input sizes
/// and paddings, and the asymptotic interval is tight and contains an independent brute-force maximum.
@Suite struct SizeIndependentTests {
    struct Case: CustomStringConvertible {
        var out: Int, inPerGroup: Int, kernel: Size2D, stride = Size2D(1, 1), dilation = Size2D(1, 1), groups = 1
        var description: String {
            "\(out)x\(inPerGroup)x\(kernel) s\(stride) d\(dilation) g\(groups)"
        }
    }

    static let cases: [Case] = [
        Case(out: 2, inPerGroup: 2, kernel: Size2D(3, 3)),
        Case(out: 2, inPerGroup: 3, kernel: Size2D(3, 3), stride: Size2D(2, 2)),
        Case(out: 3, inPerGroup: 2, kernel: Size2D(3, 3), stride: Size2D(3, 3)),
        Case(out: 2, inPerGroup: 2, kernel: Size2D(3, 2), stride: Size2D(2, 1)),
        Case(out: 2, inPerGroup: 1, kernel: Size2D(3, 3), stride: Size2D(1, 3)),
        Case(out: 2, inPerGroup: 2, kernel: Size2D(3, 3), dilation: Size2D(2, 2)),
        Case(out: 2, inPerGroup: 2, kernel: Size2D(3, 3), stride: Size2D(2, 2), dilation: Size2D(2, 2)),
        Case(out: 2, inPerGroup: 1, kernel: Size2D(2, 3), stride: Size2D(3, 2), dilation: Size2D(2, 1)),
        Case(out: 4, inPerGroup: 2, kernel: Size2D(3, 3), groups: 2),
        Case(out: 3, inPerGroup: 1, kernel: Size2D(3, 3), groups: 3),
        Case(out: 4, inPerGroup: 1, kernel: Size2D(2, 2), stride: Size2D(2, 2), dilation: Size2D(2, 2), groups: 4),
        Case(out: 2, inPerGroup: 3, kernel: Size2D(1, 1)),
        Case(out: 3, inPerGroup: 2, kernel: Size2D(1, 1), stride: Size2D(2, 2)),
        Case(out: 2, inPerGroup: 2, kernel: Size2D(2, 2)),
        Case(out: 3, inPerGroup: 2, kernel: Size2D(4, 4), stride: Size2D(2, 2)),
        Case(out: 1, inPerGroup: 3, kernel: Size2D(1, 4)),
    ]

    static let heavyCases: [Case] = [
        Case(out: 8, inPerGroup: 6, kernel: Size2D(3, 3)),
        Case(out: 6, inPerGroup: 8, kernel: Size2D(5, 5), stride: Size2D(2, 2)),
        Case(out: 8, inPerGroup: 4, kernel: Size2D(3, 3), stride: Size2D(2, 2), dilation: Size2D(3, 3), groups: 2),
        Case(out: 16, inPerGroup: 1, kernel: Size2D(3, 3), dilation: Size2D(2, 2), groups: 16),
        Case(out: 5, inPerGroup: 7, kernel: Size2D(4, 2), stride: Size2D(1, 2)),
        Case(out: 6, inPerGroup: 3, kernel: Size2D(7, 7), stride: Size2D(2, 2)),
    ]

    static let paddings: [Padding] = [
        .zero, Padding(top: 1, left: 1, bottom: 1, right: 1), Padding(top: 0, left: 2, bottom: 1, right: 0),
    ]

    func spec(_ c: Case, seed: UInt64, pads: Padding = .zero) -> ConvolutionSpec {
        Oracle.randomSpec(
            seed: seed, out: c.out, inPerGroup: c.inPerGroup, kernel: c.kernel, stride: c.stride,
            dilation: c.dilation, groups: c.groups, pads: pads)
    }

    @Test(arguments: Array(cases.enumerated()))
    func everyUpperFigureBoundsTheExplicitOperator(_ item: (offset: Int, element: Case)) {
        check(item.element, seed: UInt64(1000 + item.offset), sizes: [Size2D(6, 6), Size2D(9, 7)], grid: 24)
    }

    @Test(.enabled(if: Oracle.heavy), arguments: Array(heavyCases.enumerated()))
    func everyUpperFigureBoundsTheExplicitOperatorOnLargerLayers(_ item: (offset: Int, element: Case)) {
        check(item.element, seed: UInt64(2000 + item.offset), sizes: [Size2D(8, 8), Size2D(13, 11), Size2D(16, 16)], grid: 96)
    }

    private func check(_ c: Case, seed: UInt64, sizes: [Size2D], grid: Int) {
        let base = spec(c, seed: seed)
        let f = SizeIndependentFigures.compute(for: base)
        let a = f.asymptotic
        #expect(a.lower <= a.upper && a.converged && a.gap <= 1e-3, "\(c): \(a)")
        let uppers: [(String, Double)] = [
            ("asymptotic", a.upper), ("triangle", f.closedForm.triangle), ("blockNorm", f.closedForm.blockNorm),
            ("schur", f.closedForm.schur), ("frobenius", f.closedForm.frobenius),
            ("fantasticFour", f.fantasticFour.upper), ("gram", f.gram!.upper),
        ]
        for (name, u) in uppers { #expect(u >= a.lower * (1 - 1e-12), "\(c): \(name) \(u) < σ∞ ≥ \(a.lower)") }
        for pads in Self.paddings {
            let s = spec(c, seed: seed, pads: pads)
            for n in sizes {
                guard let dense = Oracle.denseNorm(s, input: n) else { continue }
                for (name, u) in uppers {
                    #expect(dense <= u * (1 + 1e-12), "\(c) pads \(pads) n \(n): \(name) \(u) < dense \(dense)")
                }
            }
        }
        let brute = Oracle.bruteForceMaximum(base, n: grid)
        #expect(brute <= a.upper * (1 + 1e-12), "\(c): brute \(brute) > upper \(a.upper)")
        #expect(brute >= a.lower * (1 - 0.05), "\(c): brute \(brute) ≪ lower \(a.lower)")
    }

    @Test func reshapeBoundsUseTheUndilatedKernel() {
        // Stride 1: dilation does not change any figure (it is F(d·ω), and reshapes use the undilated taps).
        let plain = Oracle.randomSpec(seed: 11, out: 3, inPerGroup: 2, kernel: Size2D(3, 3))
        var dilated = plain
        dilated.dilation = Size2D(2, 3)
        // Stride 2 with dilation 4: the polyphase kernel is zero-stuffed by 2, which compaction removes.
        var strided = plain
        strided.dilation = Size2D(4, 4)
        strided.stride = Size2D(2, 2)
        let f0 = SizeIndependentFigures.compute(for: plain)
        for other in [dilated, strided] {
            let f = SizeIndependentFigures.compute(for: other)
            #expect(abs(f.closedForm.triangle - f0.closedForm.triangle) <= 1e-12 * f0.closedForm.triangle)
            #expect(abs(f.closedForm.frobenius - f0.closedForm.frobenius) <= 1e-12 * f0.closedForm.frobenius)
            #expect(abs(f.fantasticFour.upper - f0.fantasticFour.upper) <= 1e-12 * f0.fantasticFour.upper)
            #expect(abs(f.asymptotic.lower - f0.asymptotic.lower) <= 2e-3 * f0.asymptotic.lower)
        }
        // On the zero-stuffed (dilated) kernel as a plain 5×5 kernel, the Frobenius bound is inflated.
        var stuffed = [Double](repeating: 0, count: 3 * 2 * 25)
        for o in 0..<3 { for i in 0..<2 { for p in 0..<3 { for q in 0..<3 {
            stuffed[((o * 2 + i) * 5 + 2 * p) * 5 + 2 * q] = plain.weight[((o * 2 + i) * 3 + p) * 3 + q]
        } } } }
        let naive = ConvolutionSpec(weight: stuffed, outChannels: 3, inChannelsPerGroup: 2, kernel: Size2D(5, 5))
        let raw = naive.canonicalKernel(group: 0)
        let inflated = ClosedFormBounds.compute(
            kernel: raw, norms: KernelNorms.compute(for: [raw], reshapeWorkCap: 1e10)[0]).frobenius
        #expect(abs(inflated / f0.closedForm.frobenius - 5.0 / 3.0) < 1e-12)
        // Compaction undoes the stuffing when such a kernel is given directly.
        let fn = SizeIndependentFigures.compute(for: naive)
        #expect(abs(fn.closedForm.frobenius - f0.closedForm.frobenius) <= 1e-12 * f0.closedForm.frobenius)
    }

    @Test func zeroWeightGivesZeroEverywhere() {
        let spec = ConvolutionSpec(weight: [Double](repeating: 0, count: 18), outChannels: 2, inChannelsPerGroup: 1,
                                   kernel: Size2D(3, 3))
        let f = SizeIndependentFigures.compute(for: spec)
        #expect(f.asymptotic.upper == 0 && f.bestUpper == 0 && f.reshaped.value == 0)
    }

    @Test func nonFiniteWeightsGiveTriviallyTrueFiguresAndATypedError() {
        var spec = Oracle.randomSpec(seed: 14, out: 2, inPerGroup: 2, kernel: Size2D(3, 3))
        spec.weight[7] = .nan
        #expect(throws: SizeIndependentError.nonFiniteWeight(index: 7)) { try SizeIndependentFigures.validate(spec) }
        let f = SizeIndependentFigures.compute(for: spec)
        #expect(f.asymptotic.lower == 0 && f.asymptotic.upper == .infinity && !f.asymptotic.converged)
        #expect(f.bestUpper == .infinity && f.gram == nil)
        spec.weight[7] = -.infinity
        #expect(SizeIndependentFigures.compute(for: spec).closedForm.best == .infinity)
    }

    /// `validate`'s four-lane scan finds a non-finite weight at every position (each lane and the tail of a
    /// 15-weight kernel) and passes finite ones, including a weight of `-0`.
    @Test func validateFindsANonFiniteWeightAtEveryPosition() {
        var spec = Oracle.randomSpec(seed: 15, out: 1, inPerGroup: 1, kernel: Size2D(3, 5))
        spec.weight[2] = -0.0
        #expect(throws: Never.self) { try SizeIndependentFigures.validate(spec) }
        for index in 0..<15 {
            for bad in [Double.nan, .infinity, -.infinity] {
                var s = spec
                s.weight[index] = bad
                #expect(throws: SizeIndependentError.nonFiniteWeight(index: index)) { try SizeIndependentFigures.validate(s) }
            }
        }
    }

    @Test func figuresAreCodable() throws {
        let f = SizeIndependentFigures.compute(for: Oracle.randomSpec(seed: 12, out: 2, inPerGroup: 2, kernel: Size2D(2, 2)))
        let data = try JSONEncoder().encode(f)
        #expect(try JSONDecoder().decode(SizeIndependentFigures.self, from: data) == f)
    }

    @Test func resultsAreDeterministic() {
        let spec = Oracle.randomSpec(seed: 13, out: 5, inPerGroup: 4, kernel: Size2D(3, 3), stride: Size2D(2, 2))
        #expect(SizeIndependentFigures.compute(for: spec) == SizeIndependentFigures.compute(for: spec))
    }
}
