import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// Directory walks: symbolic links to directories are not followed, no file is listed twice, non-regular
/// `.onnx` entries and unreadable directories are reported, and no model at all is an error unless allowed.
@Suite struct ModelDiscoveryTests {
    func tree(_ files: [String], links: [String: String] = [:]) throws -> String {
        let dir = try FileIO.makeTemporaryDirectory("liplint-discovery")
        for file in files {
            let path = dir + "/" + file
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try FileIO.write([1], to: path)
        }
        for (link, target) in links.sorted(by: { $0.key < $1.key }) {
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + link, withDestinationPath: target)
        }
        return dir
    }

    @Test func linksToDirectoriesAreNotFollowedInAWalk() throws {
        let outside = try tree(["far.onnx"])
        defer { FileIO.remove(outside) }
        let dir = try tree(["m.onnx", "sub/n.onnx"],
                           links: ["a": ".", "b": ".", "sub/up": "..", "sub/self": "../sub", "away": outside])
        defer { FileIO.remove(dir) }
        let found = ModelDiscovery.discover([dir])
        #expect(found.map(\.path) == [dir + "/m.onnx", dir + "/sub/n.onnx"])
        #expect(found.allSatisfy { $0.problem == nil })
        // Named explicitly, a linked directory is walked.
        #expect(ModelDiscovery.expand([dir + "/away"]) == [dir + "/away/far.onnx"])
    }

    @Test func noFileIsListedTwice() throws {
        let dir = try tree(["sub/m.onnx"], links: ["alias.onnx": "sub/m.onnx", "zz.onnx": "sub/m.onnx"])
        defer { FileIO.remove(dir) }
        // The file under its own name wins over the links met earlier in the walk.
        #expect(ModelDiscovery.expand([dir]) == [dir + "/sub/m.onnx"])
        // However it is spelled on the command line.
        #expect(ModelDiscovery.expand([dir + "/sub/m.onnx", dir + "/sub/../sub/m.onnx", dir + "/alias.onnx", dir])
            == [dir + "/sub/m.onnx"])
        // Only links: the first one.
        #expect(ModelDiscovery.expand([dir + "/alias.onnx", dir + "/zz.onnx"]) == [dir + "/alias.onnx"])
    }

    @Test func nonRegularModelEntriesAreReportedNotOpened() throws {
        let dir = try tree(["m.onnx"], links: ["gone.onnx": "nowhere.onnx"])
        defer { FileIO.remove(dir) }
        #expect(mkfifo(dir + "/pipe.onnx", 0o600) == 0)
        let found = ModelDiscovery.discover([dir])
        #expect(found == [
            ModelDiscovery.Found(path: dir + "/gone.onnx", problem: "a symbolic link to a file that does not exist"),
            ModelDiscovery.Found(path: dir + "/m.onnx", problem: nil),
            ModelDiscovery.Found(path: dir + "/pipe.onnx", problem: "not a regular file but a named pipe (FIFO)"),
        ])
    }

    @Test func aRunWithoutModelsIsAnErrorUnlessAllowed() throws {
        let dir = try tree(["readme.txt"])
        defer { FileIO.remove(dir) }
        let runner = LintRunner(catalog: AllRules.catalog)
        #expect(throws: LintRunError.noModels(paths: [dir])) {
            _ = try runner.run(LintRequest(paths: [dir], analysis: .init(bounds: .none)))
        }
        var request = LintRequest(paths: [dir], analysis: .init(bounds: .none))
        request.allowEmpty = true
        #expect(try runner.run(request).reports.isEmpty)
    }

    @Test func theNoModelsMessageIsOneActionableLine() {
        #expect(LintRunError.noModels(paths: ["a", "b\nc", "d", "e"]).description
            == "no .onnx models found in a, b\\nc, d, … (use --allow-empty to accept that)")
    }
}
