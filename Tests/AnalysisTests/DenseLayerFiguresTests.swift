import SpectralKit
import Testing

@testable import Analysis

/// A dense layer's figures: its norm is `denseNorm` (never the conv's `exact` figure), its certificate
/// `asymptotic` and `reshaped` the same number; when the norm cannot be computed it carries the reason.
@Suite struct DenseLayerFiguresTests {
    @Test(arguments: [BoundsSelection.fast, .standard])
    func aDenseLayerHasItsNormAndNoConvFigure(bounds: BoundsSelection) throws {
        let a = try AnalysisLimitsTests.analyze(op: "Gemm", input: [1, 8], weight: [8, 4], options: AnalysisOptions(bounds: bounds))
        let f = try #require(a.layers.first).figures
        let norm = try #require(f.denseNorm.value)
        // SVD (below the Lanczos threshold): exact, so the enclosure is the value itself.
        #expect(norm.kind == .exact && norm.lower == norm.value && norm.upper == norm.value && norm.value > 0)
        #expect(f.asymptotic.value == LayerFigures.Asymptotic(lower: norm.lower, upper: norm.upper))
        #expect(f.reshaped.value == LayerFigures.Reshaped(value: norm.value, kind: .exact))
        #expect(!f.exact.isRequested && !f.embedding.isRequested && !f.circulant.isRequested)
        #expect(!f.closedForm.isRequested && !f.fantasticFour.isRequested && !f.gram.isRequested)
    }

    @Test func anUnavailableDenseNormCarriesItsReason() throws {
        let huge = [Double](repeating: 1e300, count: 32)
        let standard = try AnalysisLimitsTests.analyze(
            op: "Gemm", input: [1, 8], weight: [8, 4], doubles: huge, options: AnalysisOptions(bounds: .standard))
        let f = try #require(standard.layers.first).figures
        #expect(f.denseNorm.reason?.contains("exceeds 1e+100") == true, "\(String(describing: f.denseNorm))")
        #expect(!f.exact.isRequested)
        #expect(f.asymptotic.reason == f.denseNorm.reason)
        // `--bounds fast` asks for no size-dependent figure: the norm is not listed as missing (reports never
        // listed it), but the certificate is.
        let fast = try AnalysisLimitsTests.analyze(
            op: "Gemm", input: [1, 8], weight: [8, 4], doubles: huge, options: AnalysisOptions(bounds: .fast))
        let g = try #require(fast.layers.first).figures
        #expect(!g.denseNorm.isRequested && g.asymptotic.reason?.contains("exceeds 1e+100") == true)
    }
}
