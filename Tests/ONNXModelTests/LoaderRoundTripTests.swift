import Testing
import TestSupport
@testable import ONNXModel

/// Models written by the independent `ONNXWriter` and read back by the loader.
@Suite struct LoaderRoundTripTests {
    typealias W = ONNXWriter

    static let body = W.graph(
        name: "body", nodes: [W.node(op: "Identity", inputs: ["a"], outputs: ["b"], name: "inner")])

    func allKindsNode(packing: W.Packing) -> W.Node {
        W.node(
            op: "Custom", inputs: ["x"], outputs: ["y"], name: "n0", domain: "ai.onnx",
            attributes: [
                .float("f", 0.25),
                .int("i", -7),
                .string("s", "SAME_UPPER"),
                .tensor("t", W.tensor(name: "tv", dims: [2], floats: [1.5, -2.5])),
                .graph("g", Self.body),
                .floats("fs", [1, -0.5, 3], packing: packing),
                .ints("is", [0, -1, Int64.min, Int64.max, 1 << 40], packing: packing),
                .strings("ss", ["a", "", "é"]),
                .tensors("ts", [W.tensor(name: "t0", dims: [], int64s: [3]), W.tensor(name: "t1", dims: [1], doubles: [0.5])]),
                .graphs("gs", [Self.body, Self.body]),
                .sparseTensor(
                    "sp", values: W.tensor(name: "v", dims: [1], floats: [1]),
                    indices: W.tensor(name: "ix", dims: [1], int64s: [0]), dims: [4]),
                .typeProto("tp", .float),
            ])
    }

    @Test(arguments: [W.Packing.onnxDefault, .packed, .unpacked])
    func everyAttributeKind(packing: W.Packing) throws {
        let m = try LoaderTestFiles.load(W.model(graph: W.graph(nodes: [allKindsNode(packing: packing)])))
        let node = try #require(m.graph.nodes.first)
        #expect(node.name == "n0")
        #expect(node.domain == "")  // "ai.onnx" is stored as ""
        #expect(node.attribute("f")?.float == 0.25)
        #expect(node.attribute("i")?.int == -7)
        #expect(node.attribute("s")?.string == "SAME_UPPER")
        let t = try #require(node.attribute("t")?.tensor)
        #expect(t.name == "tv")
        #expect(try t.floats() == [1.5, -2.5])
        guard case .graph(let g)? = node.attribute("g") else { Issue.record("g is not a graph"); return }
        #expect(g.path == "main/n0.g")
        #expect(g.name == "body")
        #expect(g.nodes.first?.name == "inner")
        #expect(node.attribute("fs")?.floats == [1, -0.5, 3])
        #expect(node.attribute("is")?.ints == [0, -1, Int64.min, Int64.max, 1 << 40])
        guard case .strings(let ss)? = node.attribute("ss") else { Issue.record("ss"); return }
        #expect(ss == [Array("a".utf8), [], Array("é".utf8)])
        guard case .tensors(let ts)? = node.attribute("ts") else { Issue.record("ts"); return }
        #expect(ts.map(\.name) == ["t0", "t1"])
        #expect(try ts[0].int64s() == [3])
        #expect(ts[0].dims == [])
        #expect(try ts[1].doubles() == [0.5])
        guard case .graphs(let gs)? = node.attribute("gs") else { Issue.record("gs"); return }
        #expect(gs.map(\.path) == ["main/n0.gs[0]", "main/n0.gs[1]"])
        guard case .unsupported(let sparseType)? = node.attribute("sp") else { Issue.record("sp"); return }
        #expect(sparseType == 11)
        guard case .unsupported(let typeProtoType)? = node.attribute("tp") else { Issue.record("tp"); return }
        #expect(typeProtoType == 13)
        #expect(m.graph.subgraphs.count == 3)
    }

    /// IR 1 files have no `AttributeProto.type`: the type comes from the field that is present.
    @Test func attributeTypesAreInferredWithoutTypeField() throws {
        let typed: [W.Attribute] = [
            .float("f", 2), .int("i", 3), .string("s", "x"), .tensor("t", W.tensor(name: "tv", dims: [1], floats: [4])),
            .graph("g", Self.body), .floats("fs", [1, 2]), .ints("is", [5, 6]), .strings("ss", ["p"]),
            .tensors("ts", [W.tensor(name: "q", dims: [1], floats: [1])]), .graphs("gs", [Self.body]),
        ]
        let attrs = typed.map { $0.withoutType() }
        let m = try LoaderTestFiles.load(
            W.model(irVersion: 1, graph: W.graph(nodes: [W.node(op: "X", inputs: [], outputs: ["y"], attributes: attrs)])))
        let node = try #require(m.graph.nodes.first)
        #expect(node.attribute("f")?.float == 2)
        #expect(node.attribute("i")?.int == 3)
        #expect(node.attribute("s")?.string == "x")
        #expect(try node.attribute("t")?.tensor?.floats() == [4])
        #expect(node.attribute("fs")?.floats == [1, 2])
        #expect(node.attribute("is")?.ints == [5, 6])
        if case .graph(let g)? = node.attribute("g") { #expect(g.path == "main/X_0.g") } else { Issue.record("g") }
        if case .strings(let s)? = node.attribute("ss") { #expect(s == [Array("p".utf8)]) } else { Issue.record("ss") }
        if case .tensors(let t)? = node.attribute("ts") { #expect(t.count == 1) } else { Issue.record("ts") }
        if case .graphs(let g)? = node.attribute("gs") { #expect(g.map(\.path) == ["main/X_0.gs[0]"]) } else { Issue.record("gs") }
        #expect(m.irVersion == 1)
    }

    @Test func modelMetadataOpsetsAndFunctions() throws {
        let m = try LoaderTestFiles.load(
            W.model(
                irVersion: 9, opsets: [("", 17), ("com.microsoft", 1)], producerName: "writer", producerVersion: "2.1",
                graph: W.graph(name: "g0", nodes: []), metadata: [("a", "1"), ("liplint:ignore", "LIP001")],
                functions: [
                    W.function(
                        domain: "local", name: "F", inputs: ["a"], outputs: ["b"],
                        nodes: [W.node(op: "Relu", inputs: ["a"], outputs: ["b"])])
                ]))
        #expect(m.irVersion == 9)
        #expect(m.producerName == "writer")
        #expect(m.producerVersion == "2.1")
        #expect(m.opsets == ["ai.onnx": 17, "com.microsoft": 1])
        #expect(m.defaultOpset == 17)
        #expect(m.metadata == [MetadataEntry(key: "a", value: "1"), MetadataEntry(key: "liplint:ignore", value: "LIP001")])
        #expect(m.graph.name == "g0")
        #expect(m.graph.path == "main")
        #expect(m.functions.count == 1)
        #expect(m.functions.first?.domain == "local")
        #expect(m.functions.first?.name == "F")
        #expect(m.functions.first?.inputs == ["a"])
        #expect(m.functions.first?.nodes.first?.opType == "Relu")
    }

    @Test func graphStructureAndValueInfos() throws {
        let m = try LoaderTestFiles.load(
            W.model(
                graph: W.graph(
                    nodes: [
                        W.node(op: "Conv", inputs: ["x", "w", ""], outputs: ["c"], name: "conv"),
                        W.node(op: "Relu", inputs: ["c"], outputs: ["y"], domain: "com.example"),
                        W.node(op: "If", inputs: ["cond"], outputs: ["z"], attributes: [.graph("then_branch", Self.body)]),
                    ],
                    initializers: [W.tensor(name: "w", dims: [1, 1, 1, 1], floats: [2], raw: true)],
                    inputs: [
                        W.valueInfo(name: "x", elementType: .float16, shape: ["N", 3, .unknown, 0]),
                        W.valueInfo(name: "w", shape: [1, 1, 1, 1]),
                    ],
                    outputs: [W.valueInfo(name: "y", shape: nil), W.valueInfo(name: "z", elementType: nil, shape: nil)],
                    valueInfo: [W.valueInfo(name: "c", elementType: .double, shape: [])])))
        let g = m.graph
        #expect(g.nodes.map(\.index) == [0, 1, 2])
        #expect(g.nodes[0].inputs == ["x", "w", ""])
        #expect(g.nodes[0].input(2) == nil)
        #expect(g.nodes[1].name == "")
        #expect(g.nodes[1].domain == "com.example")
        #expect(g.subgraphs.map(\.path) == ["main/If_2.then_branch"])
        #expect(g.inputs[0] == ValueInfo(name: "x", elementType: .float16, shape: [.symbol("N"), .value(3), .unknown, .value(0)]))
        #expect(g.outputs[0] == ValueInfo(name: "y", elementType: .float, shape: nil))
        #expect(g.outputs[1] == ValueInfo(name: "z", elementType: nil, shape: nil))
        #expect(g.valueInfo == [ValueInfo(name: "c", elementType: .double, shape: [])])
        #expect(g.runtimeInputs.map(\.name) == ["x"])
        #expect(try g.initializer(named: "w")?.doubles() == [2])
    }

    /// Fields our subset does not declare (newer IR versions) are skipped at every level.
    @Test func unknownFieldsAreSkipped() throws {
        let unknown: [W.Field] = [
            .varint(99, 12345), .bytes(1000, [1, 2, 3]), .fixed32(77, 1), .fixed64(78, 2),
            .message(3000, [.varint(1, 1), .message(2, [])]),
        ]
        var node = W.node(op: "Relu", inputs: ["x"], outputs: ["y"], name: "r", extra: unknown)
        node.attributes = [W.Attribute(name: "alpha", value: .float(1), extra: unknown)]
        var tensor = W.tensor(name: "w", dims: [2], floats: [1, 2], raw: true)
        tensor.extra = unknown
        let bytes = W.model(
            graph: W.graph(nodes: [node], initializers: [tensor], extra: unknown),
            extra: unknown + [.message(20, [.message(1, [.varint(1, 1)])])])  // training_info
        let m = try LoaderTestFiles.load(bytes)
        #expect(m.graph.nodes.first?.attribute("alpha")?.float == 1)
        #expect(try m.graph.initializers.first?.floats() == [1, 2])
    }

    /// Packed and unpacked repeated scalars decode alike (dims, typed tensor data, attribute lists).
    @Test(arguments: [W.Packing.onnxDefault, .packed, .unpacked])
    func packingDoesNotMatter(packing: W.Packing) throws {
        let m = try LoaderTestFiles.load(
            LoaderTestFiles.model(initializers: [
                W.tensor(name: "f", dims: [2, 2], floats: [1, 2, 3, -4], packing: packing),
                W.tensor(name: "d", dims: [3], doubles: [0.1, -1e300, Double.leastNonzeroMagnitude], packing: packing),
                W.tensor(name: "i", dims: [2], int64s: [-1, Int64.max], packing: packing),
                W.tensor(name: "h", dims: [2], float16Bits: [0x3C00, 0xC000], packing: packing),
                W.tensor(name: "u", dims: [2], uint64s: [UInt64.max, 0], packing: packing),
            ]))
        let t = m.graph.initializers
        #expect(t[0].dims == [2, 2])
        #expect(try t[0].floats() == [1, 2, 3, -4])
        #expect(try t[1].doubles() == [0.1, -1e300, Double.leastNonzeroMagnitude])
        #expect(try t[2].int64s() == [-1, Int64.max])
        #expect(try t[3].floats() == [1, -2])
        #expect(try t[4].doubles() == [Double(UInt64.max), 0])
    }

    /// Every tensor is validated and decoded in subgraphs and Constant nodes too.
    @Test func tensorsInSubgraphsAndConstants() throws {
        let inner = W.graph(
            name: "inner", nodes: [W.node(op: "Constant", inputs: [], outputs: ["k"], attributes: [
                .tensor("value", W.tensor(name: "", dims: [2], bfloat16Bits: [0x3F80, 0x4040], raw: true))
            ])], initializers: [W.tensor(name: "wi", dims: [1], int64s: [9])])
        let m = try LoaderTestFiles.load(
            W.model(graph: W.graph(nodes: [W.node(op: "Loop", inputs: [], outputs: ["o"], name: "loop", attributes: [.graph("body", inner)])])))
        let sub = try #require(m.graph.subgraphs.first)
        #expect(sub.path == "main/loop.body")
        #expect(try sub.initializer(named: "wi")?.int64s() == [9])
        #expect(try sub.nodes.first?.attribute("value")?.tensor?.floats() == [1, 3])
    }

    /// Small `raw_data` is copied out of the decoded message (which the loader frees), so the tensor stands
    /// alone: after the loader and the model value are gone, and from other threads.
    @Test func smallRawDataIsCopiedAndSendable() async throws {
        let values = (0..<1000).map { Float($0) * 0.5 }
        var model: Model? = try LoaderTestFiles.load(
            LoaderTestFiles.model(initializers: [W.tensor(name: "w", dims: [10, 100], floats: values, raw: true)]))
        let tensor = try #require(model?.graph.initializers.first)
        model = nil
        guard case .raw(let bytes) = tensor.payload else { Issue.record("not raw"); return }
        #expect(bytes.count == 4000)
        let sums = await withTaskGroup(of: Double.self) { group in
            for _ in 0..<8 { group.addTask { (try? tensor.doubles().reduce(0, +)) ?? -1 } }
            var out: [Double] = []
            for await s in group { out.append(s) }
            return out
        }
        #expect(sums == Array(repeating: values.reduce(0) { $0 + Double($1) }, count: 8))
    }

    /// Every error message is one line that names the file or tensor.
    @Test func errorMessagesAreOneLine() throws {
        let errors: [ModelError] = [
            .fileNotFound(path: "a.onnx"), .malformed(path: "a.onnx", offset: 3, reason: "truncated varint"),
            try #require(try LoaderTestFiles.error(LoaderTestFiles.model(initializers: [W.tensor(name: "w", dims: [3], floats: [1])]))),
        ]
        for e in errors {
            #expect(!e.description.contains("\n"))
        }
        #expect(errors[2].description == "tensor 'w': float_data has 1 value but dims [3] need 3")
    }
}
