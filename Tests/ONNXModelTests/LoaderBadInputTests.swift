import Testing
import TestSupport
@testable import ONNXModel

/// Every bad input gets exactly one clear `ModelError` — never a crash, a hang or a success.
@Suite struct LoaderBadInputTests {
    typealias W = ONNXWriter
    let loader = ModelLoader()

    func kind(_ bytes: [UInt8], limits: LoadLimits = .init()) throws -> String? {
        try LoaderTestFiles.error(bytes, limits: limits)?.kind
    }

    // MARK: Files that are not models

    @Test func missingFile() {
        let path = "/nonexistent-liplint/model.onnx"
        #expect(throws: ModelError.fileNotFound(path: path)) { try loader.load(path: path) }
    }

    @Test func directory() throws {
        let dir = try FileIO.makeTemporaryDirectory("liplint-dir")
        #expect(throws: ModelError.isDirectory(path: dir)) { try loader.load(path: dir) }
    }

    @Test func emptyFile() throws {
        let path = try LoaderTestFiles.write([])
        #expect(throws: ModelError.emptyFile(path: path)) { try loader.load(path: path) }
    }

    @Test func gitLFSPointer() throws {
        let path = try LoaderTestFiles.write(Array("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 1\n".utf8))
        #expect(throws: ModelError.gitLFSPointer(path: path)) { try loader.load(path: path) }
    }

    @Test func unreadableFile() throws {
        #expect(throws: ModelError.unreadable(path: "/dev/null", reason: "not a regular file")) {
            try loader.load(path: "/dev/null")
        }
    }

    /// The committed files of fixtures/bad (made by fixtures/bad/make_bad.py).
    @Test(arguments: [
        ("empty.onnx", "emptyFile"), ("lfs-pointer.onnx", "gitLFSPointer"), ("random.onnx", "malformed"),
        ("truncated.onnx", "malformed"), ("short-tensor.onnx", "invalidTensor"), ("dims-overflow.onnx", "invalidTensor"),
        ("dims-exceed-file.onnx", "limitExceeded"), ("deep-nesting.onnx", "limitExceeded"), ("huge-length.onnx", "malformed"),
    ])
    func committedBadFixtures(file: String, expected: String) {
        let error = LoaderTestFiles.error(path: LoaderTestPaths.bad(file))
        #expect(error?.kind == expected, "\(file): \(String(describing: error))")
    }

    @Test func badFixtureMessagesNameTheProblem() {
        #expect(
            LoaderTestFiles.error(path: LoaderTestPaths.bad("short-tensor.onnx"))
                == .invalidTensor(name: "short_weight", reason: "raw_data has 8 bytes but dims [2, 3] of FLOAT need 24"))
        #expect(
            LoaderTestFiles.error(path: LoaderTestPaths.bad("dims-overflow.onnx"))
                == .invalidTensor(name: "huge_weight", reason: "the product of dims [4611686018427387904, 8] overflows"))
        let deep = LoaderTestFiles.error(path: LoaderTestPaths.bad("deep-nesting.onnx"))
        #expect(deep?.description.contains("subgraphs nest deeper than 64 levels") == true)
    }

    // MARK: Random and truncated bytes

    @Test(arguments: 1...24)
    func randomBytes(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let length = Int.random(in: 1...20_000, using: &rng)
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(try kind(bytes) == "malformed")
    }

    /// Random bytes after a valid-looking start (a real tag for `ir_version` and `graph`).
    @Test(arguments: 1...12)
    func randomBytesInsideAGraph(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let body = (0..<Int.random(in: 10...4000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var e = ProtoEncoder()
        e.int64(1, 8)
        e.message(7, body)
        let k = try kind(e.bytes)
        #expect(k == "malformed" || k == "invalidTensor" || k == nil, "\(String(describing: k))")
    }

    /// The top-level fields of a model file: (field number, start, end) of each.
    func topLevelFields(_ bytes: [UInt8]) -> [(field: UInt64, start: Int, end: Int)] {
        var fields: [(UInt64, Int, Int)] = []
        var pos = 0
        func varint() -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = bytes[pos]
                pos += 1
                v |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return v }
                shift += 7
            }
        }
        while pos < bytes.count {
            let start = pos
            let tag = varint()
            switch tag & 7 {
            case 0: _ = varint()
            case 1: pos += 8
            case 5: pos += 4
            default: pos += Int(varint())
            }
            fields.append((tag >> 3, start, pos))
        }
        return fields
    }

    /// A real model cut at many offsets: every cut inside the graph is `.malformed`; cuts elsewhere may
    /// leave a shorter but valid model (protobuf has no end marker) or be malformed — never anything else.
    @Test(arguments: ["ch_ppocr_mobile_v2.0_cls_infer.onnx", "silero_vad.onnx"])
    func truncatedRealModel(file: String) throws {
        let path = LoaderTestPaths.real(file)
        let mapped = try MappedFile.map(path: path)
        let bytes = Array(mapped.bytes)
        mapped.unmap()
        let graph = try #require(topLevelFields(bytes).first { $0.field == 7 })
        var offsets = Set(stride(from: 1, to: bytes.count, by: bytes.count / 37))
        offsets.formUnion([1, 2, 3, graph.start + 1, graph.start + 2, graph.end - 1, bytes.count - 1])
        let dir = try FileIO.makeTemporaryDirectory("liplint-trunc")
        for offset in offsets.sorted() {
            let cutPath = dir + "/cut.onnx"
            try FileIO.write(Array(bytes[..<offset]), to: cutPath)
            let error = LoaderTestFiles.error(path: cutPath)
            if offset > graph.start && offset < graph.end {
                #expect(error?.kind == "malformed", "cut at \(offset): \(String(describing: error))")
            } else {
                #expect(error == nil || error?.kind == "malformed", "cut at \(offset): \(String(describing: error))")
            }
        }
    }

    // MARK: Wire-level damage

    @Test func wireLevelDamageIsMalformed() throws {
        let graph = W.graph(nodes: [W.node(op: "Relu", inputs: ["x"], outputs: ["y"])]).encoded()
        func model(_ fields: [W.Field]) -> [UInt8] {
            W.Field.encode([.varint(1, 8), .bytes(7, graph)] + fields)
        }
        let cases: [(String, [UInt8])] = [
            ("field number 0", model([.rawBytes([0x00, 0x01])])),
            ("wire type 7", model([.rawBytes([0x0F, 0x01])])),
            ("start group", model([.rawBytes([0x0B, 0x0C])])),
            ("end group", model([.rawBytes([0x0C])])),
            ("11-byte varint", model([.rawBytes([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01])])),
            ("truncated varint", model([.rawBytes([0x08, 0xFF])])),
            ("truncated fixed64", model([.rawBytes([0x09, 1, 2, 3])])),
            ("huge length", model([.rawBytes([0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40])])),
            ("length past the end", model([.rawBytes([0x52, 0x05, 1, 2])])),
            ("graph as varint", W.Field.encode([.varint(7, 1), .bytes(7, graph)])),
            ("ir_version as bytes", model([.bytes(1, [1])])),
            ("attribute f as varint", model([.bytes(7, W.graph(nodes: [W.node(op: "X", inputs: [], outputs: [],
                extra: [.message(5, [.bytes(1, Array("a".utf8)), .varint(2, 1)])])]).encoded())])),
            ("packed floats of 6 bytes", model([.bytes(7, W.graph(nodes: [], extra: [
                .message(5, [.varint(1, 1), .varint(2, 1), .bytes(4, [0, 0, 128, 63, 0, 0])])]).encoded())])),
            ("nested length past its parent", W.Field.encode([.rawBytes([0x3A, 0x04, 0x0A, 0x10, 0, 0])])),
            ("no graph", W.Field.encode([.varint(1, 8), .bytes(2, Array("p".utf8))])),
        ]
        for (label, bytes) in cases {
            let error = try LoaderTestFiles.error(bytes)
            guard case .malformed(_, let offset, let reason)? = error else {
                Issue.record("\(label): \(String(describing: error))")
                continue
            }
            #expect(offset >= 0 && offset <= bytes.count, "\(label)")
            #expect(!reason.isEmpty)
        }
    }

    // MARK: Tensors

    @Test func tensorDataShorterThanDims() throws {
        let cases: [W.Tensor] = [
            W.tensor(name: "w", dims: [2, 3], floats: [1, 2, 3, 4, 5], raw: true),
            W.tensor(name: "w", dims: [2, 3], floats: [1, 2, 3, 4, 5]),
            W.tensor(name: "w", dims: [4], float16Bits: [1, 2, 3]),
            W.tensor(name: "w", dims: [4], float16Bits: [1, 2, 3], raw: true),
            W.tensor(name: "w", dims: [2], doubles: [1]),
            W.tensor(name: "w", dims: [3], int64s: [1, 2]),
            W.tensor(name: "w", dims: [3], int64s: [1, 2, 3, 4]),
            W.tensor(name: "w", dims: [2], uint64s: [1]),
            W.tensor(name: "w", dims: [2, 2], dataType: .float, data: .none),
        ]
        for tensor in cases {
            let error = try LoaderTestFiles.error(LoaderTestFiles.model(initializers: [tensor]))
            guard case .invalidTensor(let name, _)? = error else {
                Issue.record("\(tensor.data): \(String(describing: error))")
                continue
            }
            #expect(name == "w")
        }
    }

    @Test func badDimsAndTypes() throws {
        func error(_ t: W.Tensor) throws -> ModelError? { try LoaderTestFiles.error(LoaderTestFiles.model(initializers: [t])) }
        #expect(try error(W.tensor(name: "n", dims: [2, -1], dataType: .float, raw: [])) ==
            .invalidTensor(name: "n", reason: "negative dimension -1 in dims [2, -1]"))
        #expect(try error(W.tensor(name: "o", dims: [Int64.max, 2], dataType: .float, raw: [0, 0, 0, 0])) ==
            .invalidTensor(name: "o", reason: "the product of dims [9223372036854775807, 2] overflows"))
        #expect(try error(W.tensor(name: "o2", dims: [1 << 61], dataType: .double, raw: [0, 0, 0, 0]))?.kind == "invalidTensor")
        #expect(try error(W.Tensor(name: "t", dims: [1], dataType: 99, data: .raw([0]), packing: .onnxDefault, extra: [])) ==
            .invalidTensor(name: "t", reason: "unknown data type 99"))
        #expect(try error(W.tensor(name: "u", dims: [1], dataType: .undefined, raw: [0]))?.kind == "invalidTensor")
        #expect(try error(W.tensor(name: "two", dims: [1], dataType: .float, data: .floats([1]),
                                   extra: [.bytes(9, [0, 0, 128, 63])])) ==
            .invalidTensor(name: "two", reason: "has values in both raw_data and float_data"))
        #expect(try error(W.tensor(name: "wrong", dims: [1], dataType: .float, data: .int32s([1]))) ==
            .invalidTensor(name: "wrong", reason: "FLOAT values belong in float_data, found int32_data"))
        #expect(try error(W.tensor(name: "seg", dims: [1], floats: [1]).withExtra([.message(3, [.varint(1, 0)])])) ==
            .invalidTensor(name: "seg", reason: "segmented tensors are not supported"))
        #expect(try error(W.tensor(name: "loc", dims: [1], floats: [1]).withExtra([.varint(14, 7)])) ==
            .invalidTensor(name: "loc", reason: "unknown data_location 7"))
    }

    /// dims × element width must fit in the bytes that back them (here: the file).
    @Test func dimsExceedingTheFile() throws {
        let error = try LoaderTestFiles.error(
            LoaderTestFiles.model(initializers: [W.tensor(name: "big", dims: [1 << 20, 1 << 10], dataType: .float, raw: [0, 0, 0, 0])]))
        guard case .limitExceeded(_, let reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason.hasPrefix("tensor 'big' declares 4294967296 bytes"))
        // Typed data too: 10^9 float_data values cannot be in a file of a few bytes.
        let typed = try LoaderTestFiles.error(
            LoaderTestFiles.model(initializers: [W.tensor(name: "t", dims: [1_000_000_000], floats: [1])]))
        #expect(typed?.kind == "limitExceeded")
        // The total over all inline tensors is limited too.
        let total = try LoaderTestFiles.error(
            LoaderTestFiles.model(initializers: [W.tensor(name: "x", dims: [1], floats: [1], raw: true)]),
            limits: LoadLimits(inlineTensorBytesPerFileByte: 0))
        #expect(total?.kind == "limitExceeded")
    }

    // MARK: Nesting and amplification

    /// `levels` If-nodes nested in each other's `then_branch`.
    func nested(_ levels: Int) -> [UInt8] {
        var graph = W.graph(name: "leaf", nodes: [])
        for level in 0..<levels {
            graph = W.graph(name: "g\(level)", nodes: [W.node(op: "If", inputs: ["c"], outputs: ["y"], attributes: [.graph("then_branch", graph)])])
        }
        return W.model(graph: graph)
    }

    @Test func subgraphNestingLimit() throws {
        // `levels` wrappers make levels subgraphs below the main graph.
        #expect(try kind(nested(64)) == nil)
        #expect(try kind(nested(65)) == "limitExceeded")
        #expect(try kind(nested(3), limits: LoadLimits(maxSubgraphDepth: 3)) == nil)
        #expect(try kind(nested(4), limits: LoadLimits(maxSubgraphDepth: 3)) == "limitExceeded")
        let m = try LoaderTestFiles.load(nested(64))
        var depth = 0
        var g = m.graph
        while let sub = g.subgraphs.first { g = sub; depth += 1 }
        #expect(depth == 64)
        #expect(g.path.hasPrefix("main/If_0.then_branch/If_0.then_branch/"))
    }

    /// Messages nested deeper than the limit (TypeProto sequences, up to 100 000 levels) are refused before
    /// protobuf-c could recurse into them; nesting within the limit decodes.
    @Test func deepMessageNestingIsRefused() throws {
        #expect(try kind(nestedSequenceType(250)) == nil)  // within the limit: protobuf-c recurses 250 levels
        #expect(try kind(nestedSequenceType(300)) == "limitExceeded")
        let error = try LoaderTestFiles.error(nestedSequenceType(100_000))
        guard case .limitExceeded(_, let reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason.hasPrefix("messages nest deeper than 256 levels"))
    }

    /// A model whose graph input has a type `levels` sequences deep:
    /// `TypeProto { sequence_type { elem_type { sequence_type { ... tensor_type } } } }`.
    func nestedSequenceType(_ levels: Int) -> [UInt8] {
        var type = W.Field.encode([.message(1, [.varint(1, 1)])])  // TypeProto { tensor_type { elem_type } }
        for _ in 0..<(levels / 2) {
            var sequence = ProtoEncoder()
            sequence.message(1, type)
            var outer = ProtoEncoder()
            outer.message(4, sequence.bytes)
            type = outer.bytes
        }
        var valueInfo = ProtoEncoder()
        valueInfo.string(1, "x")
        valueInfo.message(2, type)
        return W.Field.encode([.varint(1, 8), .message(7, [.bytes(11, valueInfo.bytes)])])
    }

    /// Tiny messages that decode into large C structs are bounded by the unpacked-memory estimate.
    @Test func unpackedMemoryIsBounded() throws {
        let bytes = W.Field.encode([.varint(1, 8), .bytes(7, W.Field.encode(Array(repeating: .bytes(1, []), count: 20_000)))])
        #expect(try kind(bytes) == nil)
        #expect(try kind(bytes, limits: LoadLimits(unpackedBytesPerFileByte: 16, unpackedBytesFloor: 0)) == "limitExceeded")
    }
}

extension ONNXWriter.Tensor {
    /// The same tensor with raw fields appended.
    func withExtra(_ fields: [ONNXWriter.Field]) -> ONNXWriter.Tensor {
        var copy = self
        copy.extra += fields
        return copy
    }
}
