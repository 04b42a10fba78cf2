import Foundation
import Testing
import TestSupport
@testable import ONNXModel

/// Large `raw_data` stays in the model file (the loaded model holds no copy of it) and is read back at each
/// decode; small `raw_data` is copied. Checked against the values the independent `ONNXWriter` wrote.
@Suite struct LoaderFileBackedTensorTests {
    typealias W = ONNXWriter

    /// Distinct, exactly representable values for tensor number `seed`.
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { Float(($0 * 7 + seed * 13) % 1001) * 0.25 - 100 }
    }

    static func floats(_ values: [Float]) -> [Double] { values.map { Double($0) } }

    static func region(_ tensor: Tensor?) -> FileRegion? {
        guard case .file(let region)? = tensor?.payload else { return nil }
        return region
    }

    /// A tensor of `WireScanner.largeRawDataBytes` or more is left in the file, one just below is copied; both
    /// decode to what was written, also from several threads after the model value is gone.
    @Test func largeRawDataIsReadFromTheFileSmallIsCopied() async throws {
        let limit = WireScanner.largeRawDataBytes / 4
        let large = Self.values(limit, seed: 1), small = Self.values(limit - 1, seed: 2)
        let path = try LoaderTestFiles.write(LoaderTestFiles.model(initializers: [
            W.tensor(name: "large", dims: [Int64(limit)], floats: large, raw: true),
            W.tensor(name: "small", dims: [Int64(limit - 1)], floats: small, raw: true),
        ]))
        var model: Model? = try ModelLoader().load(path: path)
        let tensors = try #require(model?.graph.initializers)
        model = nil
        let region = try #require(Self.region(tensors[0]))
        #expect(region.count == limit * 4)
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(file[region.offset..<region.offset + region.count]) == W.littleEndianBytes(floats: large))
        guard case .raw(let bytes) = tensors[1].payload else {
            Issue.record("the small tensor is not copied")
            return
        }
        #expect(bytes == W.littleEndianBytes(floats: small))
        let large2 = tensors[0]
        let sums = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 { group.addTask { (try? large2.doubles()) ?? [] } }
            var out: [[Double]] = []
            for await s in group { out.append(s) }
            return out
        }
        #expect(sums == Array(repeating: Self.floats(large), count: 8))
        #expect(try tensors[0].floats() == large)
        #expect(try tensors[1].doubles() == Self.floats(small))
    }

    /// Every place a tensor can sit (initializers interleaved with other fields, Constant values, attribute
    /// tensor lists, subgraph initializers, function bodies, a repeated `raw_data` of which the last counts,
    /// two tensors with equal bytes) is matched to its own bytes in the file.
    @Test func everyPlaceIsMatchedToItsOwnBytes() throws {
        let n = 1500
        func t(_ name: String, _ seed: Int) -> W.Tensor { W.tensor(name: name, dims: [Int64(n)], floats: Self.values(n, seed: seed), raw: true) }
        let later = t("later", 6)
        let body = W.graph(
            name: "body",
            nodes: [W.node(op: "Constant", inputs: [], outputs: ["k"], attributes: [.tensor("value", t("", 3))])],
            initializers: [t("inner", 4)])
        let repeated = W.tensor(
            name: "repeated", dims: [Int64(n)], dataType: .float,
            data: .raw(W.littleEndianBytes(floats: Self.values(n, seed: 8))),
            extra: [.bytes(9, W.littleEndianBytes(floats: Self.values(n, seed: 9)))])
        let graph = W.graph(
            nodes: [
                W.node(op: "Constant", inputs: [], outputs: ["c"], attributes: [.tensor("value", t("", 1))]),
                W.node(op: "Custom", inputs: [], outputs: ["d"], domain: "x", attributes: [
                    .tensors("ts", [t("ts0", 2), t("ts1", 1)]), .graph("body", body),
                ]),
            ],
            initializers: [t("first", 5), repeated],
            extra: [.bytes(5, later.encoded())])  // an initializer after the value infos
        let function = W.function(
            domain: "f", name: "fn", inputs: [], outputs: ["o"],
            nodes: [W.node(op: "Constant", inputs: [], outputs: ["o"], attributes: [.tensor("value", t("", 7))])])
        let model = try LoaderTestFiles.load(W.model(graph: graph, functions: [function]))

        func check(_ tensor: Tensor?, seed: Int, _ what: String) throws {
            #expect(Self.region(tensor) != nil, "\(what) is not read from the file")
            #expect(try tensor?.floats() == Self.values(n, seed: seed), "\(what)")
        }
        let nodes = model.graph.nodes
        try check(nodes[0].attribute("value")?.tensor, seed: 1, "Constant value")
        guard case .tensors(let list)? = nodes[1].attribute("ts") else {
            Issue.record("no tensors attribute")
            return
        }
        try check(list[0], seed: 2, "attribute tensors[0]")
        try check(list[1], seed: 1, "attribute tensors[1] (same bytes as the Constant)")
        let sub = try #require(model.graph.subgraphs.first)
        try check(sub.nodes[0].attribute("value")?.tensor, seed: 3, "subgraph Constant")
        try check(sub.initializer(named: "inner"), seed: 4, "subgraph initializer")
        try check(model.graph.initializer(named: "first"), seed: 5, "initializer")
        try check(model.graph.initializer(named: "later"), seed: 6, "initializer after other fields")
        try check(model.graph.initializer(named: "repeated"), seed: 9, "repeated raw_data (last wins)")
        try check(model.functions.first?.nodes.first?.attribute("value")?.tensor, seed: 7, "function body Constant")
    }

    /// A model file replaced, truncated or removed after loading makes decoding a large tensor throw one clear
    /// error; it never returns values of another file.
    @Test func aChangedFileIsRefused() throws {
        let values = Self.values(2048, seed: 1)
        let bytes = LoaderTestFiles.model(initializers: [W.tensor(name: "w", dims: [2048], floats: values, raw: true)])
        let path = try LoaderTestFiles.write(bytes)
        let tensor = try #require(try ModelLoader().load(path: path).graph.initializers.first)
        #expect(try tensor.floats() == values)

        // Replaced by another file of the same size (a new inode).
        let other = LoaderTestFiles.model(initializers: [
            W.tensor(name: "w", dims: [2048], floats: Self.values(2048, seed: 2), raw: true)
        ])
        #expect(other.count == bytes.count)
        try FileIO.write(other, to: path + ".new")
        #expect(rename(path + ".new", path) == 0)
        #expect(throws: ModelError.self) { try tensor.floats() }
        do {
            _ = try tensor.doubles()
        } catch {
            #expect(error.description.contains("changed since it was loaded"))
        }

        // Truncated in place.
        let path2 = try LoaderTestFiles.write(bytes)
        let tensor2 = try #require(try ModelLoader().load(path: path2).graph.initializers.first)
        #expect(truncate(path2, off_t(bytes.count / 2)) == 0)
        #expect(throws: ModelError.self) { try tensor2.doubles() }

        // Removed.
        let path3 = try LoaderTestFiles.write(bytes)
        let tensor3 = try #require(try ModelLoader().load(path: path3).graph.initializers.first)
        FileIO.remove(path3)
        #expect(throws: ModelError.self) { try tensor3.doubles() }
    }

    /// The region is only used when the file's bytes are exactly the decoded ones.
    @Test func aMismatchFallsBackToTheCopy() throws {
        let file: [UInt8] = (0..<10_000).map { UInt8($0 % 251) }
        var decoded = Array(file[100..<5100])
        let place = WirePath()
        try file.withUnsafeBytes { bytes in
            let identity = FileIdentity(device: 0, inode: 0, size: file.count, modifiedSeconds: 0, modifiedNanoseconds: 0)
            let backing = RawDataBacking(bytes: bytes, locations: [place: 100..<5100], path: "/m", identity: identity)
            let region = try #require(decoded.withUnsafeBytes { backing.region(at: place, decoded: $0) })
            #expect(region.offset == 100 && region.count == 5000)
            decoded[4999] ^= 1
            #expect(decoded.withUnsafeBytes { backing.region(at: place, decoded: $0) } == nil)
            var other = WirePath()
            other.push(field: 7, index: 0)
            #expect(Array(file[100..<5100]).withUnsafeBytes { backing.region(at: other, decoded: $0) } == nil)
        }
    }
}
