@testable import SpectralKit
import Testing
import TestSupport

@Suite struct ClosedFormTests {
    @Test func nonNegativeSingleChannelKernelMakesTriangleAndBlockNormExact() {
        // F(0) = Σ K attains Σ|K| for a non-negative kernel: triangle = blockNorm = schur = σ∞.
        let w: [Double] = [1, 2, 0.5, 0, 3, 1, 0.25, 1, 2]
        let spec = ConvolutionSpec(weight: w, outChannels: 1, inChannelsPerGroup: 1, kernel: Size2D(3, 3))
        let f = SizeIndependentFigures.compute(for: spec)
        let sum = w.reduce(0, +)
        for v in [f.closedForm.triangle, f.closedForm.blockNorm, f.closedForm.schur, f.asymptotic.upper] {
            #expect(abs(v - sum) < 1e-12 * sum)
        }
        #expect(abs(f.asymptotic.lower - sum) < 1e-12 * sum)
    }

    @Test func valuesMatchTheirDefinitions() {
        let spec = Oracle.randomSpec(seed: 21, out: 3, inPerGroup: 4, kernel: Size2D(2, 3))
        let f = SizeIndependentFigures.compute(for: spec).closedForm
        let (co, ci, t) = (3, 4, 6)
        var triangle = 0.0
        var a = [Double](repeating: 0, count: co * ci)
        var frob2 = 0.0
        for tap in 0..<t {
            let m = (0..<(co * ci)).map { spec.weight[$0 * t + tap] }
            triangle += DenseSVD.singularValues(real: m, rows: co, cols: ci)[0]
        }
        for e in 0..<(co * ci) {
            for tap in 0..<t {
                a[e] += abs(spec.weight[e * t + tap])
                frob2 += spec.weight[e * t + tap] * spec.weight[e * t + tap]
            }
        }
        let block = DenseSVD.singularValues(real: a, rows: co, cols: ci)[0]
        let rows = (0..<co).map { o in (0..<ci).reduce(0) { $0 + a[o * ci + $1] } }.max()!
        let cols = (0..<ci).map { i in (0..<co).reduce(0) { $0 + a[$1 * ci + i] } }.max()!
        #expect(abs(f.triangle - triangle) < 1e-10 * triangle)
        #expect(abs(f.blockNorm - block) < 1e-10 * block)
        #expect(abs(f.schur - (rows * cols).squareRoot()) < 1e-10 * f.schur)
        #expect(abs(f.frobenius - (Double(t) * frob2).squareRoot()) < 1e-10 * f.frobenius)
        #expect(f.schur >= f.blockNorm)
        #expect(f.best == min(f.triangle, f.blockNorm, f.schur, f.frobenius))
    }

    @Test func groupsTakeTheLargestGroupBound() {
        let grouped = Oracle.randomSpec(seed: 22, out: 4, inPerGroup: 3, kernel: Size2D(3, 3), groups: 2)
        let f = SizeIndependentFigures.compute(for: grouped).closedForm
        var per: [ClosedFormBounds] = []
        for g in 0..<2 {
            let half = Array(grouped.weight[(g * 2 * 27)..<((g + 1) * 2 * 27)])
            per.append(SizeIndependentFigures.compute(for: ConvolutionSpec(
                weight: half, outChannels: 2, inChannelsPerGroup: 3, kernel: Size2D(3, 3))).closedForm)
        }
        #expect(abs(f.triangle - max(per[0].triangle, per[1].triangle)) < 1e-12 * f.triangle)
        #expect(abs(f.blockNorm - max(per[0].blockNorm, per[1].blockNorm)) < 1e-12 * f.blockNorm)
        // Treating the grouped weight as dense (block diagonal with zeros) can only be looser.
        var dense = [Double](repeating: 0, count: 4 * 6 * 9)
        for o in 0..<4 { for i in 0..<3 { for tap in 0..<9 {
            dense[(o * 6 + (o / 2) * 3 + i) * 9 + tap] = grouped.weight[(o * 3 + i) * 9 + tap]
        } } }
        let d = SizeIndependentFigures.compute(for: ConvolutionSpec(
            weight: dense, outChannels: 4, inChannelsPerGroup: 6, kernel: Size2D(3, 3))).closedForm
        #expect(d.frobenius >= f.frobenius)
    }
}
