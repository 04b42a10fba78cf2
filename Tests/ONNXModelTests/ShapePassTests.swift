import Testing
@testable import ONNXModel

/// The static shape pass: full shapes from the graph inputs through the operators conv networks use.
@Suite struct ShapePassTests {
    /// Resolves the inputs as `ModelLayers.extract` does, then runs the pass.
    func shapes(_ g: TestGraph, opset: Int64 = 22, inputShapes: [String: [Int]] = [:]) -> ValueScope {
        let inputs = (try? LayerExtractor.resolveInputs(g.graph, overrides: inputShapes)) ?? []
        var resolved: [String: [Int]] = [:]
        for input in inputs { resolved[input.name] = input.shape }
        return StaticShapePass(opset: opset, limits: FoldingLimits(), isSite: { _ in false }).run(g.graph, inputShapes: resolved)
    }

    @Test func poolingWithCeilModeAutoPadAndDilations() {
        var g = TestGraph()
        g.input("x", [1, 2, 7, 7])
        g.node("MaxPool", ["x"], ["floor"], ["kernel_shape": .list([2, 2]), "strides": .list([2, 2])])
        g.node("MaxPool", ["x"], ["ceil", "indices"], ["kernel_shape": .list([2, 2]), "strides": .list([2, 2]), "ceil_mode": .int(1)])
        g.node("AveragePool", ["x"], ["same"], ["kernel_shape": .list([3, 3]), "strides": .list([2, 2]), "auto_pad": .text("SAME_UPPER")])
        g.node("MaxPool", ["x"], ["dilated"], ["kernel_shape": .list([2, 2]), "dilations": .list([2, 2])])
        g.node("LpPool", ["x"], ["lp"], ["kernel_shape": .list([3, 3]), "pads": .list([1, 1, 1, 1])])
        g.node("GlobalAveragePool", ["x"], ["global"])
        // ceil_mode drops a last window that would start in the end padding: in 5, k 1, s 2, pad end 1
        // gives ceil(5/2) + 1 = 4 windows, the last starting at 6 ≥ 5: 3 remain.
        g.input("y", [1, 1, 5, 5])
        g.node("MaxPool", ["y"], ["edge"], ["kernel_shape": .list([1, 1]), "strides": .list([2, 2]), "pads": .list([0, 0, 1, 1]), "ceil_mode": .int(1)])
        let s = shapes(g)
        #expect(s.shape("floor") == [1, 2, 3, 3])
        #expect(s.shape("ceil") == [1, 2, 4, 4])
        #expect(s.shape("indices") == [1, 2, 4, 4])
        #expect(s.shape("same") == [1, 2, 4, 4])
        #expect(s.shape("dilated") == [1, 2, 5, 5])
        #expect(s.shape("lp") == [1, 2, 7, 7])
        #expect(s.shape("global") == [1, 2, 1, 1])
        #expect(s.shape("edge") == [1, 1, 3, 3])
    }

    @Test func elementwiseAndNormalization() {
        var g = TestGraph()
        g.input("x", [1, 4, 5, 5])
        g.weight("bias", [4, 1, 1])
        g.weight("scale", [4])
        g.node("BatchNormalization", ["x", "scale", "scale", "scale", "scale"], ["bn"])
        g.node("Relu", ["bn"], ["relu"])
        g.node("Add", ["relu", "bias"], ["added"])
        g.input("row", [5])
        g.node("Mul", ["row", "added"], ["mul"])
        g.input("c", [1, 1, 5, 1], type: .bool)
        g.node("Where", ["c", "x", "row"], ["chosen"])
        g.node("Max", ["x", "bias", "row"], ["max"])
        g.node("Softmax", ["x"], ["soft"], ["axis": .int(1)])
        let s = shapes(g)
        #expect(s.shape("bn") == [1, 4, 5, 5])
        #expect(s.shape("added") == [1, 4, 5, 5])
        #expect(s.shape("mul") == [1, 4, 5, 5])
        #expect(s.shape("chosen") == [1, 4, 5, 5])
        #expect(s.shape("max") == [1, 4, 5, 5])
        #expect(s.shape("soft") == [1, 4, 5, 5])
    }

    @Test func concatSplitSliceTranspose() {
        var g = TestGraph()
        g.input("x", [1, 6, 4, 8])
        g.node("Concat", ["x", "x"], ["cat"], ["axis": .int(-3)])
        g.node("Split", ["x"], ["a", "b"], ["axis": .int(1)])
        g.ints("parts", [2, 4])
        g.node("Split", ["x", "parts"], ["c", "d"], ["axis": .int(1)])
        g.node("Split", ["x"], ["e", "f", "h"], ["axis": .int(3), "num_outputs": .int(3)])
        g.ints("starts", [1, -3])
        g.ints("ends", [Int(Int64.max), -1])
        g.ints("axes", [2, 3])
        g.ints("steps", [2, 1])
        g.node("Slice", ["x", "starts", "ends", "axes", "steps"], ["sliced"])
        g.node("Transpose", ["x"], ["nhwc"], ["perm": .list([0, 2, 3, 1])])
        let s = shapes(g)
        #expect(s.shape("cat") == [1, 12, 4, 8])
        #expect(s.shape("a") == [1, 3, 4, 8])
        #expect(s.shape("d") == [1, 4, 4, 8])
        #expect(s.shape("e") == [1, 6, 4, 3])
        #expect(s.shape("h") == [1, 6, 4, 2])
        #expect(s.shape("sliced") == [1, 6, 2, 2])
        #expect(s.shape("nhwc") == [1, 4, 8, 6])
    }

    @Test func reshapeFlattenSqueezeUnsqueeze() {
        var g = TestGraph()
        g.input("x", [2, 3, 4, 5])
        g.ints("keep", [0, 0, -1])
        g.node("Reshape", ["x", "keep"], ["r"])
        g.ints("zeros", [0, 60, 2])
        g.ints("emptyDims", [0, 3])
        g.node("ConstantOfShape", ["emptyDims"], ["empty"])
        g.ints("zeroShape", [0, 7])
        g.node("Reshape", ["empty", "zeroShape"], ["allowed"], ["allowzero": .int(1)])
        g.node("Flatten", ["x"], ["flat"])
        g.node("Flatten", ["x"], ["flat0"], ["axis": .int(0)])
        g.ints("axes", [0, -1])
        g.node("Unsqueeze", ["x", "axes"], ["u"])
        g.node("Squeeze", ["u"], ["sq"])
        g.node("Squeeze", ["u"], ["sqAttr"], ["axes": .list([0])])
        let s = shapes(g)
        #expect(s.shape("r") == [2, 3, 20])
        #expect(s.shape("allowed") == [0, 7])
        #expect(s.shape("flat") == [2, 60])
        #expect(s.shape("flat0") == [1, 120])
        #expect(s.shape("u") == [1, 2, 3, 4, 5, 1])
        #expect(s.shape("sq") == [2, 3, 4, 5])
        #expect(s.shape("sqAttr") == [2, 3, 4, 5, 1])
    }

    @Test func resizeUpsamplePad() {
        var g = TestGraph()
        g.input("x", [1, 3, 10, 12])
        g.weight("scales", [4], [1, 1, 2, 0.5])
        g.node("Resize", ["x", "", "scales"], ["byScale"], ["mode": .text("nearest")])
        g.ints("sizes", [1, 3, 7, 9])
        g.node("Resize", ["x", "", "", "sizes"], ["bySize"])
        g.node("Upsample", ["x", "scales"], ["up"])
        g.ints("pads", [0, 0, 1, 2, 0, 0, 3, 4])
        g.node("Pad", ["x", "pads"], ["padded"])
        let s = shapes(g)
        #expect(s.shape("byScale") == [1, 3, 20, 6])
        #expect(s.shape("bySize") == [1, 3, 7, 9])
        #expect(s.shape("up") == [1, 3, 20, 6])
        #expect(s.shape("padded") == [1, 3, 14, 18])
        var legacy = TestGraph()
        legacy.input("x", [1, 3, 10, 12])
        legacy.node("Pad", ["x"], ["padded"], ["pads": .list([0, 0, 1, 1, 0, 0, 1, 1])])
        legacy.node("Upsample", ["x"], ["up"], ["scales": .floats([1, 1, 2, 2])])
        let l = shapes(legacy, opset: 7)
        #expect(l.shape("padded") == [1, 3, 12, 14])
        #expect(l.shape("up") == [1, 3, 20, 24])
    }

    @Test func gemmMatMulReduceGather() {
        var g = TestGraph()
        g.input("x", [2, 16])
        g.weight("w", [8, 16])
        g.node("Gemm", ["x", "w"], ["gemm"], ["transB": .int(1)])
        g.input("seq", [1, 40, 120])
        g.weight("m", [120, 360])
        g.node("MatMul", ["seq", "m"], ["proj"])
        g.input("v", [16])
        g.node("MatMul", ["x", "v"], ["vec"])
        g.node("ReduceMean", ["seq"], ["mean"], ["axes": .list([-1]), "keepdims": .int(1)])
        g.node("ReduceMean", ["seq"], ["meanAll"], ["keepdims": .int(0)])
        g.ints("i", [0, 2, 1])
        g.node("Gather", ["seq", "i"], ["gathered"], ["axis": .int(1)])
        g.node("ArgMax", ["seq"], ["argmax"], ["axis": .int(2), "keepdims": .int(0)])
        let s = shapes(g)
        #expect(s.shape("gemm") == [2, 8])
        #expect(s.shape("proj") == [1, 40, 360])
        #expect(s.shape("vec") == [2])
        #expect(s.shape("mean") == [1, 40, 1])
        #expect(s.shape("meanAll") == [])
        #expect(s.shape("gathered") == [1, 3, 120])
        #expect(s.shape("argmax") == [1, 40])
    }

    @Test func exporterStyleReshapeTargetFromShapeArithmetic() {
        // As PaddleOCR exports it: Shape → Slice → Cast → Concat with constants → Reshape, then back.
        var g = TestGraph()
        g.input("x", [.symbol("N"), .value(120), .symbol("H"), .symbol("W")])
        g.node("Shape", ["x"], ["shape"])
        g.ints("s0", [0])
        g.ints("e2", [2])
        g.node("Slice", ["shape", "s0", "e2"], ["nc"])
        g.node("Cast", ["nc"], ["ncFloat"], ["to": .int(Int64(ElementType.float.rawValue))])
        g.weight("two", [], [2])
        g.node("Div", ["ncFloat", "two"], ["half"])
        g.node("Mul", ["half", "two"], ["back"])
        g.node("Cast", ["back"], ["ncInt"], ["to": .int(Int64(ElementType.int64.rawValue))])
        g.ints("minusOne", [-1])
        g.node("Concat", ["ncInt", "minusOne"], ["target"], ["axis": .int(0)])
        g.node("Reshape", ["x", "target"], ["flat"])
        g.node("Transpose", ["flat"], ["tokens"], ["perm": .list([0, 2, 1])])
        g.weight("w", [120, 64])
        g.node("MatMul", ["tokens", "w"], ["projected"])
        g.node("Shape", ["x"], ["shape2"])
        g.ints("hwStart", [2])
        g.ints("hwEnd", [4])
        g.node("Slice", ["shape2", "hwStart", "hwEnd"], ["hw"])
        g.ints("n64", [1, 64])
        g.node("Concat", ["n64", "hw"], ["backShape"], ["axis": .int(0)])
        g.node("Transpose", ["projected"], ["channelsFirst"], ["perm": .list([0, 2, 1])])
        g.node("Reshape", ["channelsFirst", "backShape"], ["image"])
        g.weight("k", [32, 64, 1, 1])
        g.node("Conv", ["image", "k"], ["out"], name: "head")
        let s = shapes(g, inputShapes: ["x": [1, 120, 2, 40]])
        #expect(s.constant("target")?.values == [1, 120, -1])
        #expect(s.shape("flat") == [1, 120, 80])
        #expect(s.shape("projected") == [1, 80, 64])
        #expect(s.constant("backShape")?.values == [1, 64, 2, 40])
        #expect(s.shape("image") == [1, 64, 2, 40])
        #expect(s.shape("out") == [1, 32, 2, 40])
        // Without the input shape, nothing size-dependent is claimed.
        let unknown = shapes(g)
        #expect(unknown.shape("image") == nil)
        #expect(unknown.shape("out") == nil)
    }

    @Test func constantOfShapeExpandTileRange() {
        var g = TestGraph()
        g.input("x", [1, 3, 1, 1])
        g.ints("to", [2, 1, 4, 4])
        g.node("Expand", ["x", "to"], ["expanded"])
        g.ints("reps", [1, 1, 2, 3])
        g.node("Tile", ["x", "reps"], ["tiled"])
        g.node("Shape", ["expanded"], ["shape"])
        g.node("ConstantOfShape", ["shape"], ["zeros"])
        g.node("Size", ["x"], ["size"])
        g.node("Shape", ["x"], ["tail"], ["start": .int(-2)])
        let s = shapes(g)
        #expect(s.shape("expanded") == [2, 3, 4, 4])
        #expect(s.shape("tiled") == [1, 3, 2, 3])
        #expect(s.shape("zeros") == [2, 3, 4, 4])
        #expect(s.constant("size")?.values == [3])
        #expect(s.constant("tail")?.values == [1, 1])
    }

    @Test func valueInfoFillsInWhereThePassCannot() {
        var g = TestGraph()
        g.input("x", [1, 3, 8, 8])
        g.node("CustomOp", ["x"], ["y"], domain: "com.example")
        g.node("Relu", ["y"], ["z"])
        g.valueInfo = [ValueInfo(name: "y", elementType: .float, shape: [.value(1), .value(3), .value(4), .value(4)])]
        let s = shapes(g)
        #expect(s.shape("y") == [1, 3, 4, 4])
        #expect(s.shape("z") == [1, 3, 4, 4])
    }

    @Test func symbolicBatchIsOneOtherSymbolsNeedInputShapes() throws {
        var g = TestGraph()
        g.input("x", [.symbol("batch"), .value(3), .symbol("h"), .value(16)])
        g.input("y", [.value(-1), .value(3)])
        g.input("z", nil)
        let layers = try g.layers()
        #expect(layers.inputs.map(\.shape) == [nil, [1, 3], nil])
        #expect(layers.inputs.first?.symbolic == [.symbol("batch"), .value(3), .symbol("h"), .value(16)])
        let given = try g.layers(inputShapes: ["x": [2, 3, 8, 16], "z": [5]])
        #expect(given.inputs.map(\.shape) == [[2, 3, 8, 16], [1, 3], [5]])
        #expect(throws: LayerExtractionError.rankMismatch(
            name: "x", given: [3, 8, 16], recorded: [.symbol("batch"), .value(3), .symbol("h"), .value(16)])) {
            try g.layers(inputShapes: ["x": [3, 8, 16]])
        }
        #expect(throws: LayerExtractionError.invalidDimension(name: "x", given: [1, 3, -8, 16])) {
            try g.layers(inputShapes: ["x": [1, 3, -8, 16]])
        }
        #expect(LayerExtractionError.unknownInput(name: "q", available: ["x", "y"]).description
            == "input shape given for 'q', but the model's inputs are: x, y")
    }

    @Test func onnxruntimeFusedOperatorsKeepSizesFlowing() {
        var g = TestGraph()
        g.input("x", [1, 3, 8, 8])
        g.weight("w", [4, 3, 3, 3])
        g.node("FusedConv", ["x", "w"], ["c"], domain: "com.microsoft", ["activation": .text("Relu"), "strides": .list([2, 2])])
        g.node("Flatten", ["c"], ["f"])
        g.weight("fc", [10, 36])
        g.node("FusedGemm", ["f", "fc"], ["y"], domain: "com.microsoft", ["transB": .int(1)])
        g.node("FastGelu", ["y"], ["z"], domain: "com.microsoft")
        let s = shapes(g)
        #expect(s.shape("c") == [1, 4, 3, 3])
        #expect(s.shape("y") == [1, 10])
        #expect(s.shape("z") == [1, 10])
    }
}
