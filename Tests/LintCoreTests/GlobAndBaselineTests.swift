import Foundation
import LintCore
import Testing
import TestSupport

@Suite struct GlobTests {
    @Test func nodeGlobs() {
        #expect(Glob(node: "backbone.*").matches("backbone.layer1.0/conv"))
        #expect(Glob(node: "Conv.1?").matches("Conv.12"))
        #expect(!Glob(node: "Conv.1?").matches("Conv.1"))
        #expect(!Glob(node: "Conv.1?").matches("Conv.123"))
        #expect(Glob(node: "*").matches(""))
        #expect(!Glob(node: "head").matches("head2"))
    }

    @Test func pathGlobs() {
        #expect(Glob(path: "legacy/*.onnx").matches("legacy/a.onnx"))
        #expect(!Glob(path: "legacy/*.onnx").matches("legacy/sub/a.onnx"))
        #expect(Glob(path: "legacy/**/*.onnx").matches("legacy/sub/a.onnx"))
        #expect(Glob(path: "legacy/**/*.onnx").matches("legacy/a.onnx"))
        #expect(Glob(path: "*.onnx").matches("deep/dir/a.onnx"))
    }
}

@Suite struct BaselineFileTests {
    @Test func writeReadRoundTripIsSortedAndAtomic() throws {
        let dir = try FileIO.makeTemporaryDirectory("liplint-baseline")
        defer { FileIO.remove(dir) }
        let baseline = Baseline(entries: [
            .init(rule: "LIP011", name: "asymmetric-padding", path: "b.onnx", node: "conv"),
            .init(rule: "LIP001", name: "layer-spectral-norm", path: "a.onnx", node: "fc"),
        ])
        let path = dir + "/baseline.json"
        try baseline.write(path: path)
        #expect(try Baseline.read(path: path) == baseline)
        #expect(baseline.entries.map(\.path) == ["a.onnx", "b.onnx"])
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["baseline.json"])
    }

    @Test func unreadableAndInvalidFilesAreOneLineErrors() throws {
        let dir = try FileIO.makeTemporaryDirectory("liplint-baseline")
        defer { FileIO.remove(dir) }
        #expect(throws: BaselineError.self) { _ = try Baseline.read(path: dir + "/missing.json") }
        try FileIO.write(Array("{\"nope\": 1}".utf8), to: dir + "/bad.json")
        let result = Result { () throws(BaselineError) -> Baseline in try Baseline.read(path: dir + "/bad.json") }
        guard case .failure(let error) = result else {
            Issue.record("no error")
            return
        }
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("bad.json"))
    }

    @Test func relativePaths() {
        #expect(PathText.relative("/a/b/c.onnx", to: "/a") == "b/c.onnx")
        #expect(PathText.relative("/a/b/c.onnx", to: "/a/x") == "../b/c.onnx")
        #expect(PathText.relative("/a", to: "/a") == ".")
    }
}
