import Foundation
import Testing
@testable import ONNXModel

/// The ONNX backend's own conv test models (fixtures/onnx-node, fixtures/onnx-pytorch-converted; Apache-2.0):
/// every conv layer's computed output shape must equal the dims of the reference output
/// `test_data_set_0/output_0.pb` that the ONNX reference implementation produced.
@Suite struct RealModelConvTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/fixtures/"
    }()

    static func folders(_ collection: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + collection)) ?? []
        return names.filter { $0.hasPrefix("test_") }.sorted().map { collection + "/" + $0 }
    }

    /// `dims` (field 1) of a serialized TensorProto, packed or not; every other field is skipped.
    static func referenceDims(_ path: String) throws -> [Int] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var position = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count, shift < 64 else { throw ReferenceError.truncated }
                let byte = bytes[position]
                position += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }
        var dims: [Int] = []
        while position < bytes.count {
            let key = try varint()
            let field = key >> 3
            switch key & 7 {
            case 0:
                let value = try varint()
                if field == 1 { dims.append(Int(Int64(bitPattern: value))) }
            case 1: position += 8
            case 5: position += 4
            case 2:
                let length = Int(try varint())
                if field == 1 {
                    let end = position + length
                    while position < end { dims.append(Int(Int64(bitPattern: try varint()))) }
                } else {
                    position += length
                }
            default: throw ReferenceError.unsupportedWireType
            }
        }
        return dims
    }

    enum ReferenceError: Error { case truncated, unsupportedWireType }

    static let conv2DCases = (folders("onnx-node") + folders("onnx-pytorch-converted")).filter {
        !$0.contains("3d") && !$0.contains("deform")
    }

    @Test(arguments: conv2DCases)
    func outputShapeMatchesReference(_ folder: String) throws {
        let model = try ModelLoader().load(path: Self.root + folder + "/model.onnx")
        let reference = try Self.referenceDims(Self.root + folder + "/test_data_set_0/output_0.pb")
        let layers = try ModelLayers.extract(from: model)
        #expect(layers.unsupported.isEmpty, "\(layers.unsupported)")
        let layer = try #require(layers.convs.first, "no conv layer in \(folder)")
        #expect(layers.convs.count == 1)
        let node = model.graph.nodes[layer.nodeIndex]
        #expect(layers.shapes[node.outputs[0]] == reference, "\(folder): full output shape")
        let spatial = Array(reference.dropFirst(2))
        let expected = spatial.count == 1 ? [1] + spatial : spatial
        #expect(layer.outputSize == expected, "\(folder): outputSize")
        #expect(layer.outputChannels == reference[1], "\(folder): output channels")
        #expect(layer.padsResolved)
        #expect(layer.inputSize != nil)
        #expect(layer.spatialRank == spatial.count)
    }

    @Test func threeDimensionalConvsAreUnsupportedNotSkipped() throws {
        let cases = (Self.folders("onnx-node") + Self.folders("onnx-pytorch-converted")).filter { $0.contains("3d") }
        #expect(cases.count == 8)
        for folder in cases {
            let model = try ModelLoader().load(path: Self.root + folder + "/model.onnx")
            let layers = try ModelLayers.extract(from: model)
            #expect(layers.convs.isEmpty, "\(folder)")
            #expect(layers.unsupported.count == 1, "\(folder)")
            #expect(layers.unsupported.first?.reason.contains("3-D") == true, "\(folder)")
        }
    }

    @Test func deformConvIsUnsupported() throws {
        let model = try ModelLoader().load(path: Self.root + "onnx-node/test_basic_deform_conv_with_padding/model.onnx")
        let layers = try ModelLayers.extract(from: model)
        #expect(layers.convs.isEmpty)
        #expect(layers.unsupported.map(\.op) == ["DeformConv"])
    }

    @Test func graphInputWeightsAreNotStaticWithAReason() throws {
        let model = try ModelLoader().load(path: Self.root + "onnx-node/test_basic_conv_with_padding/model.onnx")
        let layer = try #require(try ModelLayers.extract(from: model).convs.first)
        guard case .notStatic(let reason) = layer.weights else {
            Issue.record("weight W is a graph input without initializer; expected notStatic")
            return
        }
        #expect(reason.contains("'W'"))
        #expect(reason.contains("graph input"))
        #expect(layer.weightShape == [1, 1, 3, 3])
    }

    @Test func pytorchConvertedWeightsAreStatic() throws {
        for folder in Self.folders("onnx-pytorch-converted") where !folder.contains("3d") {
            let model = try ModelLoader().load(path: Self.root + folder + "/model.onnx")
            let layer = try #require(try ModelLayers.extract(from: model).convs.first)
            #expect(layer.weightsStatic, "\(folder)")
            if case .constant(let tensor) = layer.weights {
                #expect(tensor.dims == layer.weightShape)
                // Stored weights are handed on undecoded (FLOAT here) and decode to one Double per element.
                #expect(try tensor.doubles().count == layer.weightShape.reduce(1, *))
            }
        }
    }

    @Test func quantizedConvsAreDequantized() throws {
        let q = try ModelLoader().load(path: Self.root + "onnx-node/test_qlinearconv/model.onnx")
        let qLayer = try #require(try ModelLayers.extract(from: q).convs.first)
        #expect(qLayer.op == .qLinearConv)
        #expect(qLayer.quantized)
        // w, w_scale and w_zero_point are graph inputs there: not static, and said so.
        #expect(!qLayer.weightsStatic)
        let integer = try ModelLoader().load(path: Self.root + "onnx-node/test_convinteger_with_padding/model.onnx")
        let iLayer = try #require(try ModelLayers.extract(from: integer).convs.first)
        #expect(iLayer.op == .convInteger)
        #expect(iLayer.integerUnits)
        #expect(iLayer.pads == [1, 1, 1, 1])
    }
}
