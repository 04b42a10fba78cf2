import Foundation
import Testing
import TestSupport
@testable import ONNXModel

/// External data: paths relative to the model's directory, validated at load time, read at decode time.
@Suite struct LoaderExternalDataTests {
    typealias W = ONNXWriter

    /// A fresh directory holding `model.onnx` with these initializers and the given data files.
    func setUp(_ tensors: [W.Tensor], files: [String: [UInt8]] = [:]) throws -> (dir: String, model: String) {
        let dir = try FileIO.makeTemporaryDirectory("liplint-ext")
        for (name, bytes) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileIO.write(bytes, to: path)
        }
        let model = dir + "/model.onnx"
        try FileIO.write(LoaderTestFiles.model(initializers: tensors), to: model)
        return (dir, model)
    }

    func loadError(_ tensors: [W.Tensor], files: [String: [UInt8]] = [:]) throws -> ModelError? {
        LoaderTestFiles.error(path: try setUp(tensors, files: files).model)
    }

    static let weights: [Float] = [1, -2, 3.5, 0.25]
    static let halves: [UInt16] = [0x3C00, 0x0001]
    /// 16 bytes of floats, 4 bytes of padding, 4 bytes of halves.
    static let dataFile: [UInt8] = W.littleEndianBytes(floats: weights) + [9, 9, 9, 9] + W.littleEndianBytes(halves)

    @Test func loadsAndDecodesExternalTensors() throws {
        let (_, model) = try setUp(
            [
                W.tensor(name: "w", dims: [2, 2], dataType: .float, external: .init(location: "weights.bin", offset: 0, length: 16)),
                W.tensor(name: "h", dims: [2], dataType: .float16, external: .init(location: "./weights.bin", offset: 20, length: 4)),
                W.tensor(name: "tail", dims: [1], dataType: .float, external: .init(location: "sub/dir/t.bin")),
                W.tensor(name: "d", dims: [1], dataType: .double, external: W.External(entries: [
                    ("location", "sub/dir/d.bin"), ("offset", "8"), ("length", "8"), ("checksum", "ignored"),
                ])),
            ],
            files: [
                "weights.bin": Self.dataFile, "sub/dir/t.bin": W.littleEndianBytes(floats: [42]),
                "sub/dir/d.bin": [UInt8](repeating: 0, count: 8) + W.littleEndianBytes(doubles: [-0.5]),
            ])
        let m = try ModelLoader().load(path: model)
        let t = m.graph.initializers
        #expect(t.filter(\.isExternal).count == 4)
        #expect(try t[0].floats() == Self.weights)
        #expect(try t[0].doubles() == Self.weights.map { Double($0) })
        #expect(try t[1].floats() == [1, 0x1p-24])
        #expect(try t[2].floats() == [42])
        #expect(try t[3].doubles() == [-0.5])
        if case .external(let ref) = t[1].payload {
            #expect(ref.offset == 20)
            #expect(ref.length == 4)
            #expect(ref.path.hasSuffix("/weights.bin"))
            #expect(ref.path.hasPrefix("/"))
        } else {
            Issue.record("not external")
        }
    }

    @Test func refusedLocations() throws {
        let file = ["weights.bin": Self.dataFile]
        func error(_ location: String) throws -> ModelError? {
            try loadError([W.tensor(name: "w", dims: [4], dataType: .float, external: .init(location: location, length: 16))], files: file)
        }
        #expect(try error("/etc/passwd") == .invalidExternalData(tensor: "w", reason: "absolute path '/etc/passwd' is not allowed"))
        #expect(try error("../weights.bin") ==
            .invalidExternalData(tensor: "w", reason: "path '../weights.bin' leaves the model's directory (..)"))
        #expect(try error("sub/../../x.bin")?.kind == "invalidExternalData")
        #expect(try error("missing.bin") ==
            .invalidExternalData(tensor: "w", reason: "file 'missing.bin' not found next to the model"))
        #expect(try error("") == .invalidExternalData(tensor: "w", reason: "no 'location' given"))
        #expect(try error(".")?.kind == "invalidExternalData")
    }

    @Test func refusedRangesAndKeys() throws {
        let file = ["weights.bin": Self.dataFile]  // 24 bytes
        func error(_ entries: [(key: String, value: String)], dims: [Int64] = [4]) throws -> ModelError? {
            try loadError([W.tensor(name: "w", dims: dims, dataType: .float, external: W.External(entries: entries))], files: file)
        }
        #expect(try error([("location", "weights.bin"), ("offset", "16"), ("length", "16")]) ==
            .invalidExternalData(tensor: "w", reason: "offset 16 + length 16 is past the end of 'weights.bin' (24 bytes)"))
        #expect(try error([("location", "weights.bin"), ("offset", "100")])?.kind == "invalidExternalData")
        #expect(try error([("location", "weights.bin"), ("offset", "12")])?.kind == "invalidExternalData")  // 12 bytes left, 16 needed
        #expect(try error([("location", "weights.bin"), ("offset", "-1")]) ==
            .invalidExternalData(tensor: "w", reason: "offset '-1' is not a non-negative decimal number"))
        #expect(try error([("location", "weights.bin"), ("length", "16x")])?.kind == "invalidExternalData")
        #expect(try error([("location", "weights.bin"), ("length", "99999999999999999999999")])?.kind == "invalidExternalData")
        #expect(try error([("location", "weights.bin"), ("basepath", "/tmp")]) ==
            .invalidExternalData(tensor: "w", reason: "unknown key 'basepath'"))
        #expect(try error([("location", "weights.bin"), ("location", "weights.bin")])?.kind == "invalidExternalData")
        #expect(try error([("offset", "0")]) == .invalidExternalData(tensor: "w", reason: "no 'location' given"))
        // A length that does not match the dims is a tensor error.
        #expect(try error([("location", "weights.bin"), ("length", "12")]) ==
            .invalidTensor(name: "w", reason: "external data has 12 bytes but its dims need 16"))
        // External tensors must not carry inline data too.
        let both = W.tensor(name: "w", dims: [1], dataType: .float, external: .init(location: "weights.bin", length: 4))
            .withExtra([.bytes(9, [0, 0, 0, 0])])
        #expect(try loadError([both], files: file) == .invalidTensor(name: "w", reason: "is stored externally but also has raw_data"))
    }

    @Test func symlinksAndHardLinksAreRefused() throws {
        let outside = try FileIO.makeTemporaryDirectory("liplint-outside")
        try FileIO.write(Self.dataFile, to: outside + "/secret.bin")
        let (dir, model) = try setUp(
            [
                W.tensor(name: "a", dims: [4], dataType: .float, external: .init(location: "link.bin", length: 16))
            ])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: dir + "/link.bin", withDestinationPath: outside + "/secret.bin")
        #expect(LoaderTestFiles.error(path: model) ==
            .invalidExternalData(tensor: "a", reason: "'link.bin' goes through a symlink, which is not allowed"))

        // A symlinked directory on the way.
        let (dir2, model2) = try setUp(
            [W.tensor(name: "b", dims: [4], dataType: .float, external: .init(location: "linkdir/secret.bin", length: 16))])
        try fm.createSymbolicLink(atPath: dir2 + "/linkdir", withDestinationPath: outside)
        #expect(LoaderTestFiles.error(path: model2)?.kind == "invalidExternalData")

        // A symlink that stays inside is refused too (onnx rejects every symlink).
        let (dir3, model3) = try setUp(
            [W.tensor(name: "c", dims: [4], dataType: .float, external: .init(location: "alias.bin", length: 16))],
            files: ["real.bin": Self.dataFile])
        try fm.createSymbolicLink(atPath: dir3 + "/alias.bin", withDestinationPath: "real.bin")
        #expect(LoaderTestFiles.error(path: model3)?.kind == "invalidExternalData")

        // A hard link (link count 2).
        let (dir4, model4) = try setUp(
            [W.tensor(name: "d", dims: [4], dataType: .float, external: .init(location: "hard.bin", length: 16))])
        try fm.linkItem(atPath: outside + "/secret.bin", toPath: dir4 + "/hard.bin")
        #expect(LoaderTestFiles.error(path: model4) ==
            .invalidExternalData(tensor: "d", reason: "'hard.bin' is hard-linked, which is not allowed"))
    }

    /// The range is checked at load time; a file that shrinks afterwards fails at decode time, cleanly.
    @Test func fileShrinkingAfterLoadFailsAtDecode() throws {
        let (dir, model) = try setUp(
            [W.tensor(name: "w", dims: [4], dataType: .float, external: .init(location: "weights.bin", offset: 4, length: 16))],
            files: ["weights.bin": Self.dataFile])
        let m = try ModelLoader().load(path: model)
        try FileIO.write([1, 2, 3], to: dir + "/weights.bin")
        let t = try #require(m.graph.initializers.first)
        #expect(throws: ModelError.self) { try t.floats() }
        do {
            _ = try t.doubles()
        } catch {
            #expect(error.kind == "invalidExternalData")
        }
    }

    /// A relative model path resolves external data relative to the model's directory, not the cwd.
    @Test func relativeToTheModelsDirectory() throws {
        let resolver = ExternalDataResolver(modelPath: "models/x.onnx")
        #expect(resolver.directory.hasSuffix("/models"))
        #expect(resolver.directory.hasPrefix("/"))
        #expect(ExternalDataResolver(modelPath: "/a/b/m.onnx").directory == "/a/b")
        #expect(ExternalDataResolver(modelPath: "/m.onnx").directory == "/")
    }
}

/// The Hugging Face cache layout: the model and its data file are both symlinks into a blobs directory.
@Suite struct LoaderExternalDataCacheLayoutTests {
    typealias W = ONNXWriter

    @Test func symlinkedModelAndDataInTheSameBlobDirectory() throws {
        let root = try FileIO.makeTemporaryDirectory("liplint-hf")
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/blobs", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/snapshots/rev", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        let tensor = W.tensor(name: "w", dims: [2], dataType: .float, external: .init(location: "model.onnx_data", length: 8))
        try FileIO.write(LoaderTestFiles.model(initializers: [tensor]), to: root + "/blobs/aaa")
        try FileIO.write(W.littleEndianBytes(floats: [1.5, -2]), to: root + "/blobs/bbb")
        try FileIO.write(W.littleEndianBytes(floats: [9, 9]), to: root + "/elsewhere/ccc")
        try fm.createSymbolicLink(atPath: root + "/snapshots/rev/model.onnx", withDestinationPath: "../../blobs/aaa")
        try fm.createSymbolicLink(atPath: root + "/snapshots/rev/model.onnx_data", withDestinationPath: "../../blobs/bbb")
        let m = try ModelLoader().load(path: root + "/snapshots/rev/model.onnx")
        #expect(try m.graph.initializers.first?.floats() == [1.5, -2])

        // A data link pointing anywhere else is still refused.
        try fm.removeItem(atPath: root + "/snapshots/rev/model.onnx_data")
        try fm.createSymbolicLink(atPath: root + "/snapshots/rev/model.onnx_data", withDestinationPath: "../../elsewhere/ccc")
        #expect(LoaderTestFiles.error(path: root + "/snapshots/rev/model.onnx") ==
            .invalidExternalData(tensor: "w", reason: "'model.onnx_data' goes through a symlink, which is not allowed"))
    }
}
