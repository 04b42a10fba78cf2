import Testing
import TestSupport
@testable import ONNXModel

/// Nodes that cannot run as written (issue 15) are unsupported layers with the reason, not layers with
/// figures or findings: empty kernels, groups that do not divide the channels, input channels the weight
/// does not take, and Gemm/MatMul inner dimensions that differ.
@Suite struct InvalidLayerTests {
    typealias W = ONNXWriter

    func layers(
        op: String = "Conv", input: [W.Dim], weight: [Int64], attributes: [W.Attribute] = [], weightFirst: Bool = false
    ) throws -> ModelLayers {
        let count = weight.reduce(1, *)
        let w = W.tensor(name: "W", dims: weight, floats: (0..<count).map { Float($0 % 7) - 3 })
        let inputs = weightFirst ? ["W", "x"] : ["x", "W"]
        let bytes = W.model(graph: W.graph(
            nodes: [W.node(op: op, inputs: inputs, outputs: ["y"], name: "n", attributes: attributes)], initializers: [w],
            inputs: [W.valueInfo(name: "x", shape: input)], outputs: [W.valueInfo(name: "y", shape: nil)]))
        let dir = try FileIO.makeTemporaryDirectory("invalid-layer")
        defer { FileIO.remove(dir) }
        try W.write(bytes, to: dir + "/m.onnx")
        return try ModelLayers.extract(from: ModelLoader().load(path: dir + "/m.onnx"))
    }

    func expectInvalid(_ layers: ModelLayers, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(layers.convs.isEmpty && layers.dense.isEmpty, sourceLocation: sourceLocation)
        #expect(layers.unsupported.map(\.reason) == [reason], sourceLocation: sourceLocation)
    }

    @Test func zeroSizeKernel() throws {
        expectInvalid(try layers(input: [1, 3, 8, 8], weight: [4, 3, 0, 0]), "invalid: the kernel [0, 0] of weight 'W' is empty")
        expectInvalid(
            try layers(input: [1, 3, 8, 8], weight: [0, 3, 3, 3]), "invalid: weight 'W' of shape [0, 3, 3, 3] has no elements")
    }

    @Test func groupNotDividingChannels() throws {
        expectInvalid(
            try layers(input: [1, 4, 8, 8], weight: [3, 2, 3, 3], attributes: [.int("group", 2)]),
            "invalid: weight 'W' of shape [3, 2, 3, 3] has 3 output channels, not divisible by group 2")
    }

    @Test func inputChannelsTheWeightDoesNotTake() throws {
        expectInvalid(
            try layers(input: [1, 5, 8, 8], weight: [4, 3, 3, 3]),
            "invalid: input 'x' has 5 channels, but weight 'W' of shape [4, 3, 3, 3] with group 1 takes 3")
        expectInvalid(
            try layers(op: "ConvTranspose", input: [1, 5, 8, 8], weight: [4, 3, 3, 3]),
            "invalid: input 'x' has 5 channels, but weight 'W' of shape [4, 3, 3, 3] with group 1 takes 4")
        // Grouped and depthwise convs that fit stay layers.
        #expect(try layers(input: [1, 6, 8, 8], weight: [4, 3, 3, 3], attributes: [.int("group", 2)]).convs.count == 1)
        #expect(try layers(input: [1, 6, 8, 8], weight: [6, 1, 3, 3], attributes: [.int("group", 6)]).convs.count == 1)
    }

    @Test func gemmInnerDimensionMismatch() throws {
        expectInvalid(
            try layers(op: "Gemm", input: [1, 5], weight: [8, 4]),
            "invalid: weight 'W' of shape [8, 4] takes 8 inputs, but 'x' of shape [1, 5] provides 5")
        expectInvalid(
            try layers(op: "Gemm", input: [1, 5], weight: [4, 8], attributes: [.int("transB", 1)]),
            "invalid: weight 'W' of shape [4, 8] takes 8 inputs, but 'x' of shape [1, 5] provides 5")
        expectInvalid(
            try layers(op: "MatMul", input: [2, 7, 5], weight: [8, 4]),
            "invalid: weight 'W' of shape [8, 4] takes 8 inputs, but 'x' of shape [2, 7, 5] provides 5")
        // Weight first: W [4, 8] · x [5, 3].
        expectInvalid(
            try layers(op: "MatMul", input: [5, 3], weight: [4, 8], weightFirst: true),
            "invalid: weight 'W' of shape [4, 8] takes 8 inputs, but 'x' of shape [5, 3] provides 5")
        // Matching shapes, in each arrangement, stay dense layers.
        #expect(try layers(op: "Gemm", input: [1, 8], weight: [8, 4]).dense.count == 1)
        #expect(try layers(op: "Gemm", input: [1, 8], weight: [4, 8], attributes: [.int("transB", 1)]).dense.count == 1)
        #expect(try layers(op: "Gemm", input: [8, 1], weight: [8, 4], attributes: [.int("transA", 1)]).dense.count == 1)
        #expect(try layers(op: "MatMul", input: [2, 7, 8], weight: [8, 4]).dense.count == 1)
        #expect(try layers(op: "MatMul", input: [8, 3], weight: [4, 8], weightFirst: true).dense.count == 1)
        #expect(try layers(op: "MatMul", input: [8], weight: [4, 8], weightFirst: true).dense.count == 1)
    }

    /// Shapes whose element count passes 2^53 stay unknown instead of overflowing later products.
    @Test func astronomicalInputShapesStayUnknown() throws {
        let near = try layers(input: [1, 3, 2_147_483_647, 2_147_483_647], weight: [4, 3, 3, 3])
        #expect(near.convs.count == 1)
        #expect(near.convs.first?.inputSize == nil)
        #expect(near.inputs.first?.shape == nil)
        let fine = try layers(input: [1, 3, 100_000, 100_000], weight: [4, 3, 3, 3])
        #expect(fine.convs.first?.inputSize == [100_000, 100_000])
        #expect(ValueScope.isAcceptable([0, 1 << 31]) == false)
        #expect(ValueScope.isAcceptable([0, 1 << 30, 1 << 23]) == true)
        #expect(ValueScope.isAcceptable([0, 1 << 30, 1 << 24]) == false)
    }
}
