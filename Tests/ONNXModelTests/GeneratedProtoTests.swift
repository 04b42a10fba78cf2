import Foundation
import Testing

/// The committed protobuf-c code must be exactly what `scripts/generate-proto.sh` produces from
/// `proto/onnx.proto`, so nobody edits generated code by hand or forgets to regenerate it.
@Suite struct GeneratedProtoTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let protocAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/protoc-c")

    @Test(.enabled(if: protocAvailable, "protoc-c is not installed (scripts/setup.sh installs it)"))
    func committedCodeMatchesTheGenerator() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("liplint-proto-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.root.appendingPathComponent("scripts/generate-proto.sh").path, out.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for file in ["onnx.pb-c.c", "include/onnx.pb-c.h"] {
            let generated = try Data(contentsOf: out.appendingPathComponent(file))
            let committed = try Data(contentsOf: Self.root.appendingPathComponent("Sources/ONNXProtoC/\(file)"))
            #expect(generated == committed, "Sources/ONNXProtoC/\(file) differs from the generator's output")
        }
    }
}
