import Foundation
import Testing
import TestSupport

/// The commands agree on their shared options: `baseline write` takes every option of `check` that decides
/// which findings there are, and `--jobs` means the same (threads in total) everywhere.
@Suite struct SharedOptionsTests {
    /// The help lines of `options` in `liplint ARGS --help` (an option's help may continue on the next lines).
    static func help(_ command: [String], _ options: [String]) throws -> [String: String] {
        let r = try LiplintProcess.run(command + ["--help"])
        #expect(r.status == 0)
        var out: [String: String] = [:]
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (k, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let option = options.first(where: { trimmed.hasPrefix($0 + " ") || trimmed == $0 }) else { continue }
            var text = trimmed
            var next = k + 1
            while next < lines.count, lines[next].hasPrefix("                        "), !lines[next].contains("  --") {
                text += " " + lines[next].trimmingCharacters(in: .whitespaces)
                next += 1
            }
            out[option] = text
        }
        return out
    }

    @Test func baselineWriteTakesCheckAnalysisAndSelectionOptions() throws {
        let shared = ["--select", "--ignore", "--bounds", "--input-shape", "--input-range", "--wrt", "--size-specific",
                      "--jobs", "--cache-dir", "--no-cache", "--config"]
        let check = try Self.help(["check"], shared)
        let baseline = try Self.help(["baseline", "write"], shared)
        for option in shared {
            #expect(check[option] != nil, "check lacks \(option)")
            #expect(baseline[option] == check[option], "baseline write \(option): \(baseline[option] ?? "missing")")
        }
    }

    @Test func baselineFromTheSameOptionsHidesEveryFindingOfThatCheck() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1], deadChannel: true, scale: 400))
        let url = URL(fileURLWithPath: dir)
        // A selection and figures check would use: only layer-spectral-norm with the fast bounds.
        let options = ["--select", "layer-spectral-norm", "--bounds", "fast", "--input-shape", "x=1x2x8x8", "--jobs", "1"]
        let write = try LiplintProcess.run(["baseline", "write", "b.json", "m.onnx"] + options, in: url)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout == "wrote 1 finding to b.json\n")
        let check = try LiplintProcess.run(["check", "m.onnx", "--baseline", "b.json", "--fail-on", "note"] + options, in: url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("(1 baselined finding hidden, 0 no longer found)"), "\(check.stdout)")
        // Without --select the baseline records the other rules' findings too.
        let all = try LiplintProcess.run(["baseline", "write", "all.json", "m.onnx", "--bounds", "fast"], in: url)
        #expect(all.status == 0)
        #expect(all.stdout != "wrote 1 finding to all.json\n", "\(all.stdout)")
    }

    @Test func jobsMeansTheSameInEveryCommand() throws {
        let commands = [["check"], ["inspect"], ["diff"], ["baseline", "write"]]
        let lines = try commands.map { try Self.help($0, ["--jobs"])["--jobs"] }
        #expect(lines.allSatisfy { $0 != nil && $0 == lines[0] }, "\(lines)")
        #expect(lines[0]?.contains("Threads the analysis uses in total") == true)
        for (command, extra) in [(["check"], ["m.onnx"]), (["inspect"], ["m.onnx"]), (["diff"], ["a.onnx", "b.onnx"]),
                                 (["baseline", "write"], ["b.json", "m.onnx"])] {
            let r = try LiplintProcess.run(command + extra + ["--jobs", "0"])
            #expect(r.status == 2, "\(command)")
            #expect(r.stderr.contains("--jobs must be at least 1"), "\(command): \(r.stderr)")
        }
    }
}
