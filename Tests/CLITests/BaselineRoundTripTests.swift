import Foundation
import Testing
import TestSupport

/// `liplint baseline write` then `liplint check --baseline`: only new findings are reported, disappeared
/// ones are counted, fingerprints survive moving the whole tree.
@Suite struct BaselineRoundTripTests {
    @Test func roundTrip() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "models/a.onnx", CheckFixtures.conv(nan: true))
        try CheckFixtures.put(dir, "models/b.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        let write = try LiplintProcess.run(
            ["baseline", "write", "ci/baseline.json", "models", "--bounds", "none"], in: URL(fileURLWithPath: dir))
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout == "wrote 2 findings to ci/baseline.json\n")
        let text = try String(contentsOfFile: dir + "/ci/baseline.json", encoding: .utf8)
        #expect(text.contains("\"path\" : \"../models/a.onnx\""))
        #expect(text.contains("\"node\" : \"conv0\""))
        #expect(!text.contains("NaN") && !text.contains("message"))

        // Everything baselined: exit 0 although a.onnx has an error.
        let clean = try CheckFixtures.check(["models", "--baseline", "ci/baseline.json"], in: dir)
        #expect(clean.status == 0)
        #expect(CheckFixtures.findings(clean).isEmpty)
        #expect(CheckFixtures.summary(clean).contains("(2 baselined findings hidden, 0 no longer found)"))

        // The values change (more NaNs), the fingerprint does not; a new finding appears elsewhere.
        try CheckFixtures.put(dir, "models/a.onnx", CheckFixtures.conv(nan: true, metadata: []))
        try CheckFixtures.put(dir, "models/b.onnx", CheckFixtures.conv(pads: [1, 1, 1, 1]))
        try CheckFixtures.put(dir, "models/c.onnx", CheckFixtures.conv(nan: true))
        let next = try CheckFixtures.check(["models", "--baseline", "ci/baseline.json"], in: dir)
        #expect(next.status == 1)
        #expect(CheckFixtures.findings(next).map { String($0.prefix { $0 != ":" }) } == ["models/c.onnx"])
        #expect(CheckFixtures.summary(next).contains("(1 baselined finding hidden, 1 no longer found)"))

        // Run from elsewhere with other relative paths: the same fingerprints.
        let elsewhere = try CheckFixtures.check(["../models/a.onnx", "--baseline", "baseline.json"], in: dir + "/ci")
        #expect(elsewhere.status == 0)
        #expect(CheckFixtures.summary(elsewhere).contains("(1 baselined finding hidden, 0 no longer found)"))
    }

    /// `baseline write -` writes the baseline alone to standard output (it parses as JSON); the confirmation
    /// goes to standard error.
    @Test func writeToStandardOutputKeepsItParseable() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "models/a.onnx", CheckFixtures.conv(nan: true))
        let write = try LiplintProcess.run(["baseline", "write", "-", "models", "--bounds", "none"], in: URL(fileURLWithPath: dir))
        #expect(write.status == 0, "\(write.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(write.stdout.utf8))
        #expect(parsed is [String: Any])
        #expect(write.stderr == "wrote 1 finding to -\n")
    }

    @Test func writeReplacesTheFileAtomically() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "baseline.json", "old contents")
        let r = try LiplintProcess.run(["baseline", "write", "baseline.json", "m.onnx", "--bounds", "none"], in: URL(fileURLWithPath: dir))
        #expect(r.status == 0)
        #expect(try String(contentsOfFile: dir + "/baseline.json", encoding: .utf8) == "{\n  \"findings\" : [\n\n  ],\n  \"version\" : 1\n}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["baseline.json", "m.onnx"])
    }
}
