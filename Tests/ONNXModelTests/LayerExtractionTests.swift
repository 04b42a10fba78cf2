import Testing
@testable import ONNXModel

/// Which nodes become which layers, and with what weights.
@Suite struct LayerExtractionTests {
    @Test func oneDimensionalConvIsLiftedToHeightOne() throws {
        var g = TestGraph()
        g.input("x", [1, 4, 10])
        g.weight("w", [6, 2, 3])
        g.node("Conv", ["x", "w"], ["y"], ["group": .int(2), "strides": .list([2]), "pads": .list([1, 2]), "dilations": .list([2])])
        let layers = try g.layers()
        let layer = try #require(layers.convs.first)
        #expect(layer.spatialRank == 1)
        #expect(layer.weightShape == [6, 2, 3])
        #expect(layer.kernel == [1, 3])
        #expect(layer.stride == [1, 2])
        #expect(layer.dilation == [1, 2])
        #expect(layer.pads == [0, 1, 0, 2])
        #expect(layer.inputSize == [1, 10])
        // (10 + 3 − 5) / 2 + 1 = 5
        #expect(layer.outputSize == [1, 5])
        #expect(layer.group == 2)
        #expect(layer.inputChannels == 4)
        #expect(layer.outputChannels == 6)
        #expect(layers.shapes["y"] == [1, 6, 5])
    }

    @Test func oneDimensionalSameAndTranspose() throws {
        var g = TestGraph()
        g.input("x", [1, 2, 9])
        g.weight("w", [2, 2, 4])
        g.node("Conv", ["x", "w"], ["y"], ["auto_pad": .text("SAME_LOWER"), "strides": .list([2])])
        g.weight("t", [2, 3, 3])
        g.node("ConvTranspose", ["y", "t"], ["z"], ["strides": .list([2]), "output_padding": .list([1])])
        let layers = try g.layers()
        // in 9, s 2, k 4: 9 % 2 = 1 → total 3 → SAME_LOWER (2, 1); output 5.
        #expect(layers.convs[0].pads == [0, 2, 0, 1])
        #expect(layers.convs[0].outputSize == [1, 5])
        // 2·4 + 1 + 3 = 12
        #expect(layers.convs[1].outputSize == [1, 12])
        #expect(layers.convs[1].outputPadding == [0, 1])
        #expect(layers.convs[1].outputChannels == 3)
    }

    @Test func depthwiseGroupsAndChannels() throws {
        var g = TestGraph()
        g.input("x", [1, 8, 6, 6])
        g.weight("w", [16, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["group": .int(8), "kernel_shape": .list([3, 3])])
        let layer = try #require(try g.layers().convs.first)
        #expect(layer.group == 8)
        #expect(layer.inputChannels == 8)
        #expect(layer.outputChannels == 16)
        #expect(layer.outputSize == [4, 4])
    }

    @Test func weightsFromConstantNodesAndFoldedChains() throws {
        var g = TestGraph()
        g.input("x", [1, 2, 5, 5])
        g.node("Constant", [], ["cw"], ["value": .tensor(Tensor(name: "v", dims: [2, 2, 1, 1], doubles: [1, 2, 3, 4]))])
        g.node("Conv", ["x", "cw"], ["a"], name: "fromConstant")
        // QDQ: int8 weights through DequantizeLinear (per output channel).
        g.initializers.append(Tensor(name: "q", dims: [2, 2, 1, 1], int64s: [10, 20, 30, 40]))
        g.weight("qs", [2], [0.5, 0.25])
        g.ints("qz", [0, 20])
        g.node("DequantizeLinear", ["q", "qs", "qz"], ["dq"], ["axis": .int(0)])
        g.node("Conv", ["x", "dq"], ["b"], name: "fromQDQ")
        // Transpose of an initializer.
        g.weight("raw", [1, 1, 2, 2], [1, 2, 3, 4])
        g.node("Transpose", ["raw"], ["tw"], ["perm": .list([2, 3, 0, 1])])
        g.node("Conv", ["x", "tw"], ["c"], name: "fromTranspose")
        let convs = try g.layers().convs
        #expect(convs.map(\.name) == ["fromConstant", "fromQDQ", "fromTranspose"])
        #expect(convs[0].weights.values == [1, 2, 3, 4])
        #expect(convs[1].weights.values == [5, 10, 2.5, 5])
        #expect(convs[2].weights.values == [1, 2, 3, 4])
        #expect(convs[2].weightShape == [2, 2, 1, 1])
        #expect(convs.allSatisfy { !$0.quantized })
    }

    @Test func computedWeightsAreNotStaticWithAReason() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 5, 5])
        g.input("scale", [1])
        g.weight("w", [1, 1, 3, 3])
        g.node("Mul", ["w", "scale"], ["ws"], name: "scaleWeights")
        g.node("Conv", ["x", "ws"], ["y"])
        let layer = try #require(try g.layers().convs.first)
        guard case .notStatic(let reason) = layer.weights else {
            Issue.record("expected notStatic")
            return
        }
        #expect(reason.contains("Mul node 'scaleWeights'"))
        #expect(layer.weightShape == [1, 1, 3, 3])
        #expect(layer.outputSize == [3, 3])
    }

    @Test func qLinearConvIsDequantizedPerChannel() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 4, 4], type: .uint8)
        g.weight("xs", [], [0.1])
        g.ints("xz", [0], dims: [])
        g.initializers.append(Tensor(name: "w", dims: [2, 1, 1, 1], int64s: [130, 120]))
        g.weight("ws", [2], [0.5, 2])
        g.ints("wz", [128, 128])
        g.weight("ys", [], [1])
        g.ints("yz", [0], dims: [])
        g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], ["y"])
        let layer = try #require(try g.layers().convs.first)
        #expect(layer.op == .qLinearConv)
        #expect(layer.quantized)
        #expect(!layer.integerUnits)
        #expect(layer.weightName == "w")
        #expect(layer.weights.values == [1, -16])
        #expect(layer.outputSize == [4, 4])
        #expect(layer.name == "QLinearConv_0")
    }

    @Test func convIntegerFoldsAFollowingScale() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 3, 3], type: .uint8)
        g.initializers.append(Tensor(name: "w", dims: [2, 1, 1, 1], int64s: [5, 7]))
        g.ints("wz", [1], dims: [])
        g.node("ConvInteger", ["x", "w", "", "wz"], ["acc"], name: "ci")
        g.node("Cast", ["acc"], ["accf"], ["to": .int(1)])
        g.weight("scale", [1, 2, 1, 1], [0.5, 0.25])
        g.node("Mul", ["accf", "scale"], ["y"])
        let layer = try #require(try g.layers().convs.first)
        #expect(layer.op == .convInteger)
        #expect(layer.quantized)
        #expect(!layer.integerUnits)
        #expect(layer.weights.values == [2, 1.5])

        var bare = TestGraph()
        bare.input("x", [1, 1, 3, 3], type: .uint8)
        bare.initializers.append(Tensor(name: "w", dims: [1, 1, 1, 1], int64s: [5]))
        bare.node("ConvInteger", ["x", "w"], ["acc"])
        let integer = try #require(try bare.layers().convs.first)
        #expect(integer.integerUnits)
        #expect(integer.weights.values == [5])
    }

    @Test func gemmAndMatMulBecomeDenseLayers() throws {
        var g = TestGraph()
        g.input("x", [2, 16])
        g.weight("w", [8, 16])
        g.node("Gemm", ["x", "w"], ["y"], name: "fc", ["alpha": .float(0.5), "transB": .int(1)])
        g.weight("m", [8, 4])
        g.node("MatMul", ["y", "m"], ["z"])
        g.weight("left", [3, 2])
        g.node("MatMul", ["left", "x"], ["bad"])  // shapes mismatch, still a dense layer with weight on the left
        g.input("other", [4, 5])
        g.node("MatMul", ["z", "other"], ["activations"], name: "attention")
        let layers = try g.layers()
        #expect(layers.dense.count == 3)
        let fc = layers.dense[0]
        #expect(fc.op == .gemm)
        #expect(fc.alpha == 0.5)
        #expect(fc.transB)
        #expect(!fc.transA)
        #expect(fc.weightInputIndex == 1)
        #expect(fc.weightShape == [8, 16])
        #expect(fc.inputShape == [2, 16])
        #expect(fc.outputShape == [2, 8])
        #expect(fc.weightsStatic)
        #expect(layers.dense[1].op == .matMul)
        #expect(layers.dense[1].outputShape == [2, 4])
        #expect(layers.dense[1].name == "MatMul_1")
        #expect(layers.dense[2].weightInputIndex == 0)
        #expect(layers.unsupported.map(\.name) == ["attention"])
    }

    @Test func gemmWithRuntimeWeightIsNotStatic() throws {
        var g = TestGraph()
        g.input("x", [2, 16])
        g.input("w", [16, 8])
        g.node("Gemm", ["x", "w"], ["y"])
        let dense = try #require(try g.layers().dense.first)
        #expect(!dense.weightsStatic)
        #expect(dense.weightShape == [16, 8])
    }

    @Test func vendorAndDeformableConvsAreUnsupported() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 5, 5])
        g.weight("w", [1, 1, 3, 3])
        g.node("FusedConv", ["x", "w"], ["a"], domain: "com.microsoft", ["activation": .text("Relu")])
        g.node("NhwcConv", ["x", "w"], ["b"], domain: "com.microsoft")
        g.input("offset", [1, 18, 3, 3])
        g.node("DeformConv", ["x", "w", "offset"], ["c"])
        g.input("flat", [1, 25])
        g.weight("fc", [25, 2])
        g.node("FusedMatMul", ["flat", "fc"], ["e"], domain: "com.microsoft")
        g.weight("w3", [1, 1, 3, 3, 3])
        g.input("v", [1, 1, 5, 5, 5])
        g.node("Conv", ["v", "w3"], ["d"])
        let layers = try g.layers()
        #expect(layers.convs.isEmpty)
        #expect(layers.unsupported.map(\.op) == [
            "com.microsoft.FusedConv", "com.microsoft.NhwcConv", "DeformConv", "com.microsoft.FusedMatMul", "Conv",
        ])
        #expect(layers.unsupported.map(\.name) == ["FusedConv_0", "NhwcConv_1", "DeformConv_2", "FusedMatMul_3", "Conv_4"])
        #expect(layers.unsupported[4].reason.contains("3-D"))
    }

    @Test func layersInsideSubgraphsCarryTheirPath() throws {
        var body = TestGraph(path: "main/loop.body")
        body.input("i", [], type: .int64)
        body.input("cond", [], type: .bool)
        body.input("carried", nil)
        body.weight("inner", [2, 2, 1, 1])
        body.node("Conv", ["carried", "inner"], ["next"], name: "innerConv")
        body.node("Conv", ["next", "outerWeight"], ["next2"])
        body.outputs = [ValueInfo(name: "cond", elementType: .bool, shape: nil), ValueInfo(name: "next2", elementType: .float, shape: nil)]
        var g = TestGraph()
        g.input("x", [1, 2, 4, 4])
        g.weight("outerWeight", [2, 2, 3, 3])
        g.ints("trips", [3], dims: [])
        g.node("Loop", ["trips", "", "x"], ["y"], name: "loop", ["body": .graph(body.graph)])
        g.node("Conv", ["y", "outerWeight"], ["z"], name: "after")
        let layers = try g.layers()
        #expect(layers.convs.map(\.name) == ["innerConv", "Conv_1", "after"])
        #expect(layers.convs.map(\.graph) == ["main/loop.body", "main/loop.body", "main"])
        #expect(layers.convs.allSatisfy { $0.weightsStatic })
        #expect(layers.convs[0].inputSize == nil)
    }

    @Test func foldedIfBranchGivesShapesAfterIt() throws {
        var thenBranch = TestGraph(path: "main/if.then_branch")
        thenBranch.weight("w", [4, 3, 3, 3])
        thenBranch.node("Conv", ["x", "w"], ["t"], ["pads": .list([1, 1, 1, 1])])
        thenBranch.outputs = [ValueInfo(name: "t", elementType: .float, shape: nil)]
        var elseBranch = TestGraph(path: "main/if.else_branch")
        elseBranch.weight("w", [4, 3, 1, 1])
        elseBranch.node("Conv", ["x", "w"], ["e"], ["strides": .list([2, 2])])
        elseBranch.outputs = [ValueInfo(name: "e", elementType: .float, shape: nil)]
        var g = TestGraph()
        g.input("x", [1, 3, 8, 8])
        g.node("Shape", ["x"], ["shape"])
        g.ints("index", [2], dims: [])
        g.node("Gather", ["shape", "index"], ["height"])
        g.ints("eight", [8], dims: [])
        g.node("Equal", ["height", "eight"], ["isEight"])
        g.node("If", ["isEight"], ["y"], name: "if", ["then_branch": .graph(thenBranch.graph), "else_branch": .graph(elseBranch.graph)])
        g.weight("head", [2, 4, 1, 1])
        g.node("Conv", ["y", "head"], ["z"], name: "head")
        let layers = try g.layers()
        #expect(layers.convs.count == 3)
        #expect(layers.convs.last?.inputSize == [8, 8])
        #expect(layers.convs.first { $0.graph == "main/if.else_branch" }?.outputSize == [4, 4])
        #expect(layers.convs.first { $0.graph == "main/if.then_branch" }?.outputSize == [8, 8])
        #expect(layers.shapes["z"] == [1, 2, 8, 8])
    }

    @Test func functionCallsWithConvsAreListed() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 4, 4])
        g.node("MyBlock", ["x"], ["y"], name: "block", domain: "local")
        var model = g.model()
        model.functions = [Function(domain: "local", name: "MyBlock", inputs: ["x"], outputs: ["y"], nodes: [
            Node(name: "c", opType: "Conv", inputs: ["x", "w"], outputs: ["y"], index: 0),
        ])]
        let layers = try ModelLayers.extract(from: model)
        #expect(layers.unsupported.map(\.name) == ["block"])
        #expect(layers.unsupported.first?.reason.contains("function") == true)
    }

    @Test func kernelShapeMustMatchTheWeight() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 5, 5])
        g.weight("w", [1, 1, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], ["kernel_shape": .list([2, 2])])
        let layers = try g.layers()
        #expect(layers.convs.isEmpty)
        #expect(layers.unsupported.first?.reason.contains("does not match") == true)
    }

    @Test func initializersListedAsInputsAreWeightsButOverridable() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 5, 5])
        g.weight("w", [1, 1, 3, 3], listAsInput: true)
        g.node("Conv", ["x", "w"], ["y"])
        let layers = try g.layers()
        #expect(layers.convs.first?.weightsStatic == true)
        #expect(layers.inputs.map(\.name) == ["x"])
        #expect(layers.overridableInitializers == ["w"])
    }

    @Test func convLikeNamesAreRecognised() {
        for name in ["Conv", "ConvTranspose", "QLinearConv", "ConvInteger", "DeformConv", "NhwcFusedConv", "Conv1D"] {
            #expect(LayerExtractor.isConvLike(name), "\(name)")
        }
        for name in ["ConvertLayout", "Convolve", "Relu", "MatMul"] {
            #expect(!LayerExtractor.isConvLike(name), "\(name)")
        }
    }

    @Test func qLinearConvPerTensorWithoutZeroPoint() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 4, 4], type: .uint8)
        g.weight("xs", [], [0.1])
        g.ints("xz", [0], dims: [])
        g.initializers.append(Tensor(name: "w", dims: [2, 1, 1, 1], int64s: [3, -4]))
        g.weight("ws", [], [0.5])
        g.weight("ys", [], [1])
        g.ints("yz", [0], dims: [])
        g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "", "ys", "yz"], ["y"])
        let layer = try #require(try g.layers().convs.first)
        #expect(layer.weights.values == [1.5, -2])
    }

    @Test func gemmTransposedInputAndMatMulVectorWeight() throws {
        var g = TestGraph()
        g.input("x", [16, 2])
        g.weight("w", [16, 8])
        g.node("Gemm", ["x", "w"], ["y"], ["transA": .int(1)])
        g.weight("v", [8])
        g.node("MatMul", ["y", "v"], ["z"])
        let layers = try g.layers()
        #expect(layers.dense.first?.transA == true)
        #expect(layers.dense.first?.outputShape == [2, 8])
        #expect(layers.unsupported.first?.reason.contains("rank 1") == true)
    }

    @Test func undecodableQuantizedWeightsSayWhy() throws {
        var g = TestGraph()
        g.input("x", [1, 1, 4, 4])
        // A STRING tensor cannot be decoded: the DequantizeLinear output is then not static, with the cause.
        g.initializers.append(Tensor(name: "q", dims: [1, 1, 1, 1], elementType: .string, payload: .none))
        g.weight("s", [], [0.5])
        g.node("DequantizeLinear", ["q", "s"], ["dq"], name: "dequant")
        g.node("Conv", ["x", "dq"], ["y"])
        let layer = try #require(try g.layers().convs.first)
        guard case .notStatic(let reason) = layer.weights else {
            Issue.record("expected notStatic")
            return
        }
        #expect(reason.contains("DequantizeLinear node 'dequant'"))
        #expect(reason.contains("cannot decode 'q'"))
    }

    /// A Loop running `bodyOp` on its carried value `state` (initially x: 1x2x6x6).
    func loopModel(growing: Bool) -> TestGraph {
        var body = TestGraph(path: "main/loop.body")
        body.input("i", nil, type: .int64)
        body.input("condIn", nil, type: .bool)
        body.input("state", nil)
        body.weight("w", [2, 2, 3, 3])
        body.node("Conv", ["state", "w"], ["convOut"], name: "bodyConv", ["pads": .list([1, 1, 1, 1])])
        if growing {
            body.node("Concat", ["convOut", "state"], ["next"], ["axis": .int(2)])
        } else {
            body.node("Relu", ["convOut"], ["next"])
        }
        body.node("Identity", ["condIn"], ["condOut"])
        body.outputs = [ValueInfo(name: "condOut", elementType: .bool, shape: nil), ValueInfo(name: "next", elementType: .float, shape: nil)]
        var g = TestGraph()
        g.input("x", [1, 2, 6, 6])
        g.ints("trips", [3], dims: [])
        g.node("Loop", ["trips", "", "x"], ["final"], name: "loop", ["body": .graph(body.graph)])
        g.weight("head", [4, 2, 1, 1])
        g.node("Conv", ["final", "head"], ["y"], name: "head")
        return g
    }

    @Test func loopCarriedShapesHoldWhenTheBodyKeepsThem() throws {
        let layers = try loopModel(growing: false).layers()
        #expect(layers.convs.map(\.name) == ["bodyConv", "head"])
        #expect(layers.convs[0].inputSize == [6, 6])
        #expect(layers.convs[0].outputSize == [6, 6])
        #expect(layers.convs[1].inputSize == [6, 6])
        #expect(layers.shapes["y"] == [1, 4, 6, 6])
    }

    @Test func loopCarriedShapesAreDroppedWhenTheBodyChangesThem() throws {
        let layers = try loopModel(growing: true).layers()
        #expect(layers.convs.map(\.name) == ["bodyConv", "head"])  // listed once, not once per walk
        #expect(layers.convs[0].inputSize == nil)
        #expect(layers.convs[1].inputSize == nil)
    }

    @Test func constantNodeWeightsAreNotChargedToTheFoldingBudget() throws {
        var g = TestGraph()
        g.input("x", [1, 4, 5, 5])
        g.node("Constant", [], ["cw"], ["value": .tensor(Tensor(name: "v", dims: [4, 4, 1, 1], doubles: (0..<16).map { Double($0) }))])
        g.node("Identity", ["cw"], ["cwi"])
        g.node("Conv", ["x", "cwi"], ["y"])
        let layers = try ModelLayers.extract(from: g.model(), limits: FoldingLimits(maxElements: 4, maxTotalElements: 4))
        #expect(layers.convs.first?.weights.values == (0..<16).map { Double($0) })
    }
}
