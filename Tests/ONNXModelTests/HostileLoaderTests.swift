#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TestSupport
@testable import ONNXModel

/// Regressions of issue 15 in the loader, each on a minimal input: repeated singular messages, decode caps
/// and chunked external data, zero dims that hide an overflow, long dim lists and control characters in errors.
@Suite struct HostileLoaderTests {
    typealias W = ONNXWriter

    static func conv(weight: W.Tensor, input: [W.Dim] = [1, 3, 8, 8]) -> [UInt8] {
        W.model(graph: W.graph(
            nodes: [W.node(op: "Conv", inputs: ["x", "W"], outputs: ["y"], name: "c")], initializers: [weight],
            inputs: [W.valueInfo(name: "x", shape: input)], outputs: [W.valueInfo(name: "y", shape: nil)]))
    }

    func load(_ bytes: [UInt8], limits: LoadLimits = LoadLimits(), files: [(String, [UInt8])] = []) throws -> Result<Model, ModelError> {
        let dir = try FileIO.makeTemporaryDirectory("hostile-loader")
        defer { FileIO.remove(dir) }
        for (name, content) in files { try FileIO.write(content, to: dir + "/" + name) }
        try W.write(bytes, to: dir + "/m.onnx")
        return Result { () throws(ModelError) in try ModelLoader(limits: limits).load(path: dir + "/m.onnx") }
    }

    /// `AttributeProto.t` twice: protobuf-c would merge the second into the first (quadratic when repeated).
    @Test func repeatedSingularMessageIsRefused() throws {
        let t = W.tensor(name: "v", dims: [2], floats: [1, 2])
        var attribute = W.Attribute.tensor("value", t).encoded()
        var e = ProtoEncoder()
        e.message(5, t.encoded())
        attribute += e.bytes
        let node = W.node(op: "Constant", inputs: [], outputs: ["c"], extra: [.bytes(5, attribute)])
        let result = try load(W.model(graph: W.graph(nodes: [node])))
        guard case .failure(.malformed(_, _, let reason)) = result else {
            Issue.record("expected a malformed error, got \(result)")
            return
        }
        #expect(reason == "field 5 of AttributeProto appears more than once")
        // Once is fine.
        let once = W.node(op: "Constant", inputs: [], outputs: ["c"], attributes: [.tensor("value", t)])
        #expect(throws: Never.self) { try load(W.model(graph: W.graph(nodes: [once]))).get() }
    }

    @Test func repeatedGraphIsRefused() throws {
        let graph = W.graph(nodes: [W.node(op: "Relu", inputs: ["x"], outputs: ["y"])])
        let bytes = W.model(graph: graph, extra: [.bytes(7, graph.encoded())])
        guard case .failure(.malformed(_, _, let reason)) = try load(bytes) else {
            Issue.record("expected a malformed error")
            return
        }
        #expect(reason == "field 7 of ModelProto appears more than once")
    }

    /// Decoding is refused before allocating when the element count is over `maxTensorElements`.
    @Test func decodeCapRefusesBeforeAllocating() throws {
        let w = W.tensor(name: "W", dims: [4, 3, 3, 3], floats: (0..<108).map { Float($0) }, raw: true)
        let model = try load(Self.conv(weight: w), limits: LoadLimits(maxTensorElements: 100)).get()
        let tensor = try #require(model.graph.initializer(named: "W"))
        #expect(throws: ModelError.invalidTensor(
            name: "W", reason: "108 elements (dims [4, 3, 3, 3]), more than the 100 allowed (--max-tensor-elements)")) {
            try tensor.doubles()
        }
        let wide = try load(Self.conv(weight: w), limits: LoadLimits(maxTensorElements: 108)).get()
        #expect(try wide.graph.initializer(named: "W")?.doubles().count == 108)
    }

    /// A sparse 16 GiB external file behind `[1024, 1024, 64, 64]`: it loads (the file is long enough) and
    /// decoding is refused by the default cap instead of allocating 32 GiB.
    @Test func sparseHugeExternalDataIsNotAllocated() throws {
        let dir = try FileIO.makeTemporaryDirectory("hostile-external")
        defer { FileIO.remove(dir) }
        let bytes = 1024 * 1024 * 64 * 64 * 4
        let fd = open(dir + "/w.bin", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        let truncated = ftruncate(fd, off_t(bytes))
        close(fd)
        try #require(truncated == 0, "the file system does not take a sparse 16 GiB file")
        let w = W.tensor(name: "W", dims: [1024, 1024, 64, 64], dataType: .float, external: .init(location: "w.bin"))
        try W.write(Self.conv(weight: w, input: [1, 1024, 64, 64]), to: dir + "/m.onnx")
        let model = try ModelLoader().load(path: dir + "/m.onnx")
        let tensor = try #require(model.graph.initializer(named: "W"))
        #expect(throws: ModelError.self) { try tensor.doubles() }
        do {
            _ = try tensor.floats()
            Issue.record("decoded 4 Gi elements")
        } catch {
            #expect(error.description.contains("more than the \(LoadLimits.defaultMaxTensorElements) allowed"))
        }
    }

    /// External data is decoded in chunks: values across a chunk boundary come out right, in every type.
    @Test func externalDataAcrossChunksDecodesExactly() throws {
        let count = Tensor.externalChunkBytes / 4 * 2 + 77
        var generator = SeededGenerator(seed: 15)
        let values = (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
        let w = W.tensor(name: "W", dims: [Int64(count)], dataType: .float, external: .init(location: "w.bin"))
        // The data is read when decoding: the directory stays until then.
        let dir = try FileIO.makeTemporaryDirectory("hostile-chunks")
        defer { FileIO.remove(dir) }
        try FileIO.write(W.littleEndianBytes(floats: values), to: dir + "/w.bin")
        try W.write(W.model(graph: W.graph(nodes: [], initializers: [w])), to: dir + "/m.onnx")
        let model = try ModelLoader().load(path: dir + "/m.onnx")
        let tensor = try #require(model.graph.initializer(named: "W"))
        #expect(try tensor.doubles() == values.map { Double($0) })
        #expect(try tensor.floats() == values)
    }

    /// A zero dim made the product 0 and hid dims whose other products overflow.
    @Test func zeroDimDoesNotHideOverflow() throws {
        let t = W.tensor(name: "t", dims: [0, 1 << 62, 1 << 62], dataType: .float, data: .raw([]))
        let result = try load(W.model(graph: W.graph(nodes: [], initializers: [t])))
        guard case .failure(.invalidTensor(_, let reason)) = result else {
            Issue.record("expected invalidTensor, got \(result)")
            return
        }
        #expect(reason.contains("overflows"))
    }

    /// 200,000 dims give a short one-line error.
    @Test func longDimListsAreCut() throws {
        let t = W.tensor(name: "t", dims: [Int64](repeating: 1, count: 200_000) + [2], floats: [1])
        let result = try load(W.model(graph: W.graph(nodes: [], initializers: [t])))
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description.count < 200, "\(error.description.count) characters")
        #expect(error.description.contains("… (200001 entries)"))
    }

    @Test func controlCharactersInErrorsAreEscaped() {
        let error = ModelError.invalidExternalData(tensor: "W\n\u{1B}[31m", reason: "file 'a\rb' not found")
        #expect(!error.description.contains { $0.isNewline || $0 == "\u{1B}" })
        #expect(error.description == "external data of tensor 'W\\n\\e[31m': file 'a\\rb' not found")
        #expect(ModelError.invalidTensor(name: "t", reason: "x").path == nil)
        #expect(ModelError.emptyFile(path: "p").path == "p")
    }

    @Test func shapeTextCutsLongLists() {
        #expect(ShapeText.list([1, 2, 3]) == "[1, 2, 3]")
        #expect(ShapeText.list(Array(1...8)) == "[1, 2, 3, 4, 5, 6, 7, 8]")
        #expect(ShapeText.list(Array(1...9)) == "[1, 2, 3, 4, 5, 6, 7, 8, … (9 entries)]")
    }
}
