@testable import SpectralKit
import Testing
import TestSupport

@Suite struct FantasticFourTests {
    @Test func equalsRootTapCountTimesTheSmallestReshapeNorm() {
        let (co, ci, kh, kw) = (3, 2, 3, 2)
        let spec = Oracle.randomSpec(seed: 31, out: co, inPerGroup: ci, kernel: Size2D(kh, kw))
        let k = { (o: Int, i: Int, a: Int, b: Int) in spec.weight[((o * ci + i) * kh + a) * kw + b] }
        var r1 = [Double](), r2 = [Double](), r4 = [Double]()
        for o in 0..<co { for a in 0..<kh { for i in 0..<ci { for b in 0..<kw { r1.append(k(o, i, a, b)) } } } }
        for o in 0..<co { for b in 0..<kw { for a in 0..<kh { for i in 0..<ci { r2.append(k(o, i, a, b)) } } } }
        for i in 0..<ci { for o in 0..<co { for a in 0..<kh { for b in 0..<kw { r4.append(k(o, i, a, b)) } } } }
        let norms = [
            DenseSVD.singularValues(real: r1, rows: co * kh, cols: ci * kw)[0],
            DenseSVD.singularValues(real: r2, rows: co * kw, cols: kh * ci)[0],
            DenseSVD.singularValues(real: spec.weight, rows: co, cols: ci * kh * kw)[0],
            DenseSVD.singularValues(real: r4, rows: ci, cols: co * kh * kw)[0],
        ]
        let f = SizeIndependentFigures.compute(for: spec)
        let expected = Double(kh * kw).squareRoot() * norms.min()!
        #expect(abs(f.fantasticFour.upper - expected) < 1e-10 * expected)
        #expect(f.fantasticFour.reshapesUsed == [1, 2, 3, 4])
        #expect(f.fantasticFour.upper >= f.asymptotic.lower)
    }

    @Test func oneByOneKernelGivesTheMatrixNorm() {
        let spec = Oracle.randomSpec(seed: 32, out: 5, inPerGroup: 3, kernel: Size2D(1, 1))
        let f = SizeIndependentFigures.compute(for: spec)
        let norm = DenseSVD.singularValues(real: spec.weight, rows: 5, cols: 3)[0]
        #expect(abs(f.fantasticFour.upper - norm) < 1e-10 * norm)
        #expect(abs(f.asymptotic.upper - norm) < 1e-10 * norm)
    }

    @Test func workCapKeepsOnlyTheThirdReshapeAndStaysABound() {
        let spec = Oracle.randomSpec(seed: 33, out: 4, inPerGroup: 4, kernel: Size2D(3, 3))
        let full = SizeIndependentFigures.compute(for: spec)
        let capped = SizeIndependentFigures.compute(for: spec, options: SizeIndependentOptions(reshapeWork: 0))
        #expect(capped.fantasticFour.reshapesUsed == [3])
        #expect(capped.fantasticFour.upper >= full.fantasticFour.upper)
        #expect(capped.fantasticFour.upper >= full.asymptotic.lower)
    }
}
