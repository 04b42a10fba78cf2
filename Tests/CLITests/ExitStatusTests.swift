import ArgumentParser
import Foundation
import Testing
import TestSupport
@testable import liplint

/// One exit-code mapping: 1 only for findings; usage, configuration, unreadable models and unexpected
/// internal errors all exit 2.
@Suite struct ExitStatusTests {
    struct Unexpected: Error {}

    @Test func everyErrorKindMapsToItsStatus() {
        #expect(Liplint.outcome(of: CLIFailure.findings).status == .findings)
        #expect(Liplint.outcome(of: CLIFailure.findings).stderr == nil)
        #expect(Liplint.outcome(of: CLIFailure.unreadable).status == .failure)
        #expect(Liplint.outcome(of: CLIFailure.usage("bad")).status == .failure)
        #expect(Liplint.outcome(of: ValidationError("--jobs must be at least 1")).status == .failure)
        let internalError = Liplint.outcome(of: Unexpected())
        #expect(internalError.status == .failure)
        #expect(internalError.stderr?.hasPrefix("liplint: internal error: ") == true, "\(internalError)")
        #expect(Liplint.outcome(of: CleanExit.helpRequest()).status == .success)
        #expect(ExitStatus.allCases.map(\.rawValue) == [0, 1, 2])
    }

    @Test func endToEndOnlyFindingsExitOne() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "nan.onnx", CheckFixtures.conv(nan: true))
        try CheckFixtures.put(dir, "broken.onnx", Array("not a model".utf8))
        let url = URL(fileURLWithPath: dir)
        #expect(try LiplintProcess.run(["check", "nan.onnx", "--bounds", "none"], in: url).status == 1)
        #expect(try LiplintProcess.run(["check", "broken.onnx", "--bounds", "none"], in: url).status == 2)
        #expect(try LiplintProcess.run(["check", "--no-such-option", "nan.onnx"], in: url).status == 2)
        #expect(try LiplintProcess.run(["inspect", "missing.onnx"], in: url).status == 2)
    }
}
