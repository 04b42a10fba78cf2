import Foundation
import Testing
import TestSupport

/// The progress bar: drawn on standard error only when it is a terminal, never with `--quiet`, never on
/// standard output; `--verbose` stage timings.
@Suite struct ProgressFeedbackTests {
    /// What the terminal showed for `liplint ARGS` (no colour, a fresh cache).
    static func underTerminal(_ arguments: [String], in dir: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["LIPLINT_CACHE_DIR"] = dir + "/cache-\(UUID().uuidString)"
        return try LiplintProcess.runUnderTerminal(arguments, in: URL(fileURLWithPath: dir), environment: environment)
    }

    @Test(.enabled(if: LiplintProcess.terminalAvailable, "needs script(1) from bsdutils (scripts/setup.sh installs it)"))
    func theBarIsDrawnOnATerminalAndCleared() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(3))
        let shown = try Self.underTerminal(["check", "m.onnx", "--bounds", "fast"], in: dir)
        #expect(shown.contains("liplint: [########################] 3/3 layers, 1/1 model"), "\(shown)")
        // Cleared before the report: carriage return and erase-to-end-of-line precede the summary.
        #expect(shown.contains("\r\u{1B}[K"))
        let quiet = try Self.underTerminal(["check", "m.onnx", "--bounds", "fast", "--quiet"], in: dir)
        #expect(!quiet.contains("layers, 1/1"), "\(quiet)")
        #expect(!quiet.contains("\u{1B}[K"))
        #expect(quiet.contains("1 model"))
    }

    @Test func noBarWhenStandardErrorIsNotATerminal() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(3))
        for format in ["text", "json", "sarif"] {
            let r = try LiplintProcess.run(
                ["check", "m.onnx", "--bounds", "fast", "--format", format], in: URL(fileURLWithPath: dir))
            #expect(r.status == 0)
            #expect(r.stderr.isEmpty, "\(format): \(r.stderr)")
            #expect(!r.stdout.contains("\r") && !r.stdout.contains("\u{1B}"), "\(format)")
        }
        let inspect = try LiplintProcess.run(["inspect", "m.onnx", "--bounds", "fast"], in: URL(fileURLWithPath: dir))
        #expect(inspect.status == 0 && inspect.stderr.isEmpty, "\(inspect.stderr)")
    }

    @Test func verboseTimesEveryStageOnStandardErrorOnly() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(2))
        let r = try LiplintProcess.run(
            ["check", "m.onnx", "--bounds", "fast", "--format", "json", "--verbose", "--no-cache"],
            in: URL(fileURLWithPath: dir))
        #expect(r.status == 0)
        for stage in ["load", "shapes", "figures", "network bound", "statistics", "lint"] {
            let line = r.stderr.split(separator: "\n").first { $0.hasPrefix("liplint: m.onnx: \(stage) ") }
            #expect(line?.hasSuffix(" s") == true, "\(stage): \(r.stderr)")
        }
        #expect(r.stderr.contains("liplint: report "))
        // Standard output is the JSON document alone.
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        #expect(json is [String: Any])
        #expect(!r.stderr.contains("refined"), "--bounds fast never refines: \(r.stderr)")
        // Without --bounds: fast first, and a line saying how many layers were refined.
        let lazy = try LiplintProcess.run(["check", "m.onnx", "--verbose", "--no-cache"], in: URL(fileURLWithPath: dir))
        #expect(lazy.status == 0)
        #expect(lazy.stderr.contains("\nliplint: m.onnx: refined 0 of 2 layers: no verdict depends on the fast search's intervals\n"), "\(lazy.stderr)")
        let both = try LiplintProcess.run(["check", "m.onnx", "--quiet", "--verbose"], in: URL(fileURLWithPath: dir))
        #expect(both.status == 2 && both.stderr.contains("exclude each other"))
    }
}
