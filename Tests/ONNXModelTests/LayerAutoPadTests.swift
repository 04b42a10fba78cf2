import Testing
@testable import ONNXModel

/// Explicit pads and sizes resolved from `pads`/`auto_pad` (ONNX convPoolShapeInference, ConvTranspose rules).
@Suite struct LayerAutoPadTests {
    /// One Conv on an `input`-sized single-channel image with a `kernel` weight.
    func conv(
        input: [Int], kernel: [Int], stride: [Int] = [1, 1], dilation: [Int] = [1, 1], autoPad: String? = nil,
        pads: [Int]? = nil, opset: Int64 = 22
    ) throws -> ConvLayer {
        var g = TestGraph()
        g.input("x", [1, 1] + input)
        g.weight("w", [1, 1] + kernel)
        var attributes: [String: AttributeValue] = ["strides": .list(stride), "dilations": .list(dilation)]
        if let autoPad { attributes["auto_pad"] = .text(autoPad) }
        if let pads { attributes["pads"] = .list(pads) }
        g.node("Conv", ["x", "w"], ["y"], attributes)
        return try #require(try g.layers(opset: opset).convs.first)
    }

    @Test func sameUpperOddTotalPutsTheExtraPixelAtTheEnd() throws {
        // in 6, k 3, s 2: in % s == 0 → total = max(3 − 2, 0) = 1.
        let layer = try conv(input: [6, 6], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER")
        #expect(layer.pads == [0, 0, 1, 1])
        #expect(layer.outputSize == [3, 3])
        #expect(layer.padsResolved)
        #expect(layer.autoPad == .sameUpper)
    }

    @Test func sameLowerOddTotalPutsTheExtraPixelAtTheBeginning() throws {
        let layer = try conv(input: [6, 6], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_LOWER")
        #expect(layer.pads == [1, 1, 0, 0])
        #expect(layer.outputSize == [3, 3])
    }

    @Test func sameWithRemainderUsesTheRemainderRule() throws {
        // in 5, k 3, s 2: in % s == 1 → total = max(3 − 1, 0) = 2; output ceil(5/2) = 3.
        let layer = try conv(input: [5, 7], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER")
        #expect(layer.pads == [1, 1, 1, 1])
        #expect(layer.outputSize == [3, 4])
    }

    @Test func sameEvenKernelStrideOne() throws {
        // k 4, s 1: total 3 → upper (1, 2), lower (2, 1); size preserved.
        let upper = try conv(input: [7, 7], kernel: [4, 4], autoPad: "SAME_UPPER")
        #expect(upper.pads == [1, 1, 2, 2])
        #expect(upper.outputSize == [7, 7])
        let lower = try conv(input: [7, 7], kernel: [4, 4], autoPad: "SAME_LOWER")
        #expect(lower.pads == [2, 2, 1, 1])
    }

    @Test func sameWithDilation() throws {
        // k 3, d 2 → k_eff 5, s 1 → total 4.
        let layer = try conv(input: [8, 8], kernel: [3, 3], dilation: [2, 2], autoPad: "SAME_UPPER")
        #expect(layer.pads == [2, 2, 2, 2])
        #expect(layer.outputSize == [8, 8])
        // k 3, d 3 → k_eff 7; in 9, s 2: 9 % 2 = 1 → total 6; output ceil(9/2) = 5.
        let strided = try conv(input: [9, 9], kernel: [3, 3], stride: [2, 2], dilation: [3, 3], autoPad: "SAME_LOWER")
        #expect(strided.pads == [3, 3, 3, 3])
        #expect(strided.outputSize == [5, 5])
        #expect(strided.dilation == [3, 3])
    }

    @Test func sameWithKernelSmallerThanStrideNeedsNoPadding() throws {
        let layer = try conv(input: [8, 8], kernel: [1, 1], stride: [2, 2], autoPad: "SAME_UPPER")
        #expect(layer.pads == [0, 0, 0, 0])
        #expect(layer.outputSize == [4, 4])
    }

    @Test func validMeansNoPadding() throws {
        let layer = try conv(input: [7, 7], kernel: [3, 3], stride: [2, 2], autoPad: "VALID")
        #expect(layer.pads == [0, 0, 0, 0])
        #expect(layer.outputSize == [3, 3])
    }

    @Test func notSetUsesExplicitAsymmetricPads() throws {
        let layer = try conv(input: [7, 7], kernel: [3, 3], stride: [2, 2], autoPad: "NOTSET", pads: [1, 2, 3, 4])
        #expect(layer.pads == [1, 2, 3, 4])
        #expect(layer.outputSize == [5, 6])
        #expect(layer.inputSize == [7, 7])
    }

    @Test func noPadsAttributeMeansZero() throws {
        let layer = try conv(input: [5, 5], kernel: [3, 3])
        #expect(layer.pads == [0, 0, 0, 0])
        #expect(layer.outputSize == [3, 3])
        #expect(layer.kernel == [3, 3])
    }

    @Test func sameWithUnknownInputLeavesPadsUnresolved() throws {
        var g = TestGraph()
        g.input("x", [.symbol("N"), .value(1), .symbol("H"), .symbol("W")])
        g.weight("w", [2, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["auto_pad": .text("SAME_UPPER"), "strides": .list([2, 2])])
        let layer = try #require(try g.layers().convs.first)
        #expect(!layer.padsResolved)
        #expect(layer.inputSize == nil)
        #expect(layer.outputSize == nil)
        #expect(layer.kernel == [3, 3])
        #expect(layer.stride == [2, 2])
        #expect(layer.weightsStatic)
        // With the input shape given, everything resolves.
        let given = try #require(try g.layers(inputShapes: ["x": [1, 1, 6, 6]]).convs.first)
        #expect(given.padsResolved)
        #expect(given.pads == [0, 0, 1, 1])
        #expect(given.outputSize == [3, 3])
    }

    @Test func explicitPadsResolveWithoutInputSize() throws {
        var g = TestGraph()
        g.input("x", [.symbol("N"), .value(1), .symbol("H"), .symbol("W")])
        g.weight("w", [2, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["pads": .list([1, 1, 1, 1])])
        let layer = try #require(try g.layers().convs.first)
        #expect(layer.padsResolved)
        #expect(layer.pads == [1, 1, 1, 1])
        #expect(layer.outputSize == nil)
    }

    @Test func autoPadWithNonZeroPadsIsRefused() throws {
        // onnxruntime refuses such a node ("has both 'auto_pad' and 'pads' attributes"): unsupported, with why.
        var g = TestGraph()
        g.input("x", [1, 1, 6, 6])
        g.weight("w", [1, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["auto_pad": .text("VALID"), "pads": .list([1, 1, 1, 1])])
        let layers = try g.layers()
        #expect(layers.convs.isEmpty)
        #expect(layers.unsupported.first?.reason.contains("both auto_pad VALID and non-zero pads") == true)
        // All-zero pads beside auto_pad are harmless.
        let zero = try conv(input: [6, 6], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER", pads: [0, 0, 0, 0])
        #expect(zero.pads == [0, 0, 1, 1])
    }

    @Test func unknownAutoPadIsReportedUnsupported() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 5, 5])
        g.weight("w", [1, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["auto_pad": .text("SAME")])
        let layers = try g.layers()
        #expect(layers.convs.isEmpty)
        #expect(layers.unsupported.first?.reason.contains("auto_pad") == true)
    }

    // MARK: ConvTranspose

    func transpose(
        input: [Int], kernel: [Int], stride: [Int], autoPad: String? = nil, pads: [Int]? = nil,
        outputPadding: [Int]? = nil, outputShape: [Int]? = nil, opset: Int64 = 22
    ) throws -> ConvLayer {
        var g = TestGraph()
        g.input("x", [1, 1] + input)
        g.weight("w", [1, 2] + kernel)
        var attributes: [String: AttributeValue] = ["strides": .list(stride)]
        if let autoPad { attributes["auto_pad"] = .text(autoPad) }
        if let pads { attributes["pads"] = .list(pads) }
        if let outputPadding { attributes["output_padding"] = .list(outputPadding) }
        if let outputShape { attributes["output_shape"] = .list(outputShape) }
        g.node("ConvTranspose", ["x", "w"], ["y"], attributes)
        let layers = try g.layers(opset: opset)
        let layer = try #require(layers.convs.first)
        if let output = layer.outputSize { #expect(layers.shapes["y"] == [1, 2] + output) }
        return layer
    }

    @Test func transposeSameMultipliesByStride() throws {
        // in 3, s 2, k 3: output 6; total = 2·2 + 3 − 6 = 1; SAME_UPPER (opset ≥ 11) puts it at the end.
        let upper = try transpose(input: [3, 3], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER")
        #expect(upper.outputSize == [6, 6])
        #expect(upper.pads == [0, 0, 1, 1])
        #expect(upper.op == .convTranspose)
        #expect(upper.inputChannels == 1)
        #expect(upper.outputChannels == 2)
        let lower = try transpose(input: [3, 3], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_LOWER")
        #expect(lower.pads == [1, 1, 0, 0])
    }

    @Test func transposeSameWithANaturalOutputSmallerThanInputTimesStride() throws {
        // in 4, s 3, k 1: natural 3·3 + 1 = 10 < 12 = in · s; onnxruntime pads nothing and outputs 10.
        let layer = try transpose(input: [4, 4], kernel: [1, 1], stride: [3, 3], autoPad: "SAME_UPPER")
        #expect(layer.outputSize == [10, 10])
        #expect(layer.pads == [0, 0, 0, 0])
    }

    @Test func transposeOpsetOneSplitIsInverted() throws {
        let legacy = try transpose(input: [3, 3], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER", opset: 1)
        #expect(legacy.pads == [1, 1, 0, 0])
        #expect(legacy.outputSize == [6, 6])
        let legacyLower = try transpose(input: [3, 3], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_LOWER", opset: 9)
        #expect(legacyLower.pads == [0, 0, 1, 1])
    }

    @Test func transposeSameWithOutputPadding() throws {
        // total = 2·2 + 1 + 3 − 6 = 2 → (1, 1).
        let layer = try transpose(input: [3, 3], kernel: [3, 3], stride: [2, 2], autoPad: "SAME_UPPER", outputPadding: [1, 1])
        #expect(layer.outputSize == [6, 6])
        #expect(layer.pads == [1, 1, 1, 1])
        #expect(layer.outputPadding == [1, 1])
    }

    @Test func transposeExplicitPadsAndOutputPadding() throws {
        // 3·(3 − 1) + 1 + 3 − 1 − 1 = 8; 2·(3 − 1) + 1 + 3 − 2 − 2 = 4.
        let layer = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], pads: [1, 2, 1, 2], outputPadding: [1, 1])
        #expect(layer.outputSize == [8, 4])
        #expect(layer.pads == [1, 2, 1, 2])
    }

    @Test func transposeOutputShapeImpliesPads() throws {
        // natural output 3·2 + 3 = 9 and 2·2 + 3 = 7; asking for 7x5 gives total 2 → NOTSET puts the odd
        // pixel at the beginning: (1, 1) both ways here.
        let layer = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], outputShape: [7, 5])
        #expect(layer.outputSize == [7, 5])
        #expect(layer.pads == [1, 1, 1, 1])
        // total 3 (output 6x4): begin = 3 − 1 = 2, end = 1 (NOTSET/SAME_LOWER); SAME_UPPER the reverse.
        let odd = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], outputShape: [6, 4])
        #expect(odd.pads == [2, 2, 1, 1])
        let oddUpper = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], autoPad: "SAME_UPPER", outputShape: [6, 4])
        #expect(oddUpper.pads == [1, 1, 2, 2])
    }

    @Test func transposeOutputShapeLargerThanNaturalBecomesOutputPadding() throws {
        // onnx-node test_convtranspose_output_shape: in 3x3, s 3x2, k 3 → natural 9x7, output_shape 10x8.
        let layer = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], outputShape: [10, 8])
        #expect(layer.outputSize == [10, 8])
        #expect(layer.pads == [0, 0, 0, 0])
        #expect(layer.outputPadding == [1, 1])
        // The full (N, C, H, W) spelling is accepted too.
        let full = try transpose(input: [3, 3], kernel: [3, 3], stride: [3, 2], outputShape: [1, 2, 10, 8])
        #expect(full.outputSize == [10, 8])
    }

    @Test func transposeOutputShapeWithUnknownInput() throws {
        var g = TestGraph()
        g.input("x", [.symbol("N"), .value(1), .symbol("H"), .symbol("W")])
        g.weight("w", [1, 2, 3, 3])
        g.node("ConvTranspose", ["x", "w"], ["y"], ["strides": .list([2, 2]), "output_shape": .list([8, 8])])
        let layer = try #require(try g.layers().convs.first)
        #expect(!layer.padsResolved)
        #expect(layer.outputSize == [8, 8])
        #expect(layer.inputSize == nil)
    }
}
