import Foundation
import Testing
import TestSupport

/// Issue 15, command-line half: no write over an input, devices and links written in place, directory walks
/// that cannot loop, configuration and baselines that are not regular files refused by name.
@Suite struct HostileInputCLITests {
    func run(_ args: [String], in dir: String) throws -> LiplintProcess.Result {
        try LiplintProcess.run(args, in: URL(fileURLWithPath: dir))
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func expectOneLine(_ r: LiplintProcess.Result, mentions needle: String) {
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(needle), "stderr: \(r.stderr)")
    }

    // MARK: - Destructive writes

    @Test func checkRefusesToWriteTheReportOverItsModel() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        let before = try bytes(dir + "/m.onnx")
        expectOneLine(try run(["check", "--bounds", "none", "--output", "m.onnx", "m.onnx"], in: dir),
                      mentions: "m.onnx: refusing to write the report over an input")
        // Another spelling of the same file, found by walking a directory.
        expectOneLine(try run(["check", "--bounds", "none", "--output", "m.onnx", "."], in: dir),
                      mentions: "the same file as ./m.onnx")
        // A configuration file is an input too.
        try CheckFixtures.put(dir, "liplint.yml", "fail-on: error\n")
        expectOneLine(try run(["check", "--bounds", "none", "--output", "liplint.yml", "m.onnx"], in: dir),
                      mentions: "liplint.yml: refusing to write the report over an input")
        #expect(try bytes(dir + "/m.onnx") == before)
    }

    @Test func diffRefusesToWriteTheReportOverNew() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "old.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "new.onnx", CheckFixtures.conv(scale: 2))
        let before = try bytes(dir + "/new.onnx")
        expectOneLine(try run(["diff", "--no-cache", "--output", "new.onnx", "old.onnx", "new.onnx"], in: dir),
                      mentions: "new.onnx: refusing to write the report over an input")
        #expect(try bytes(dir + "/new.onnx") == before)
    }

    @Test func baselineWriteRefusesToReplaceAModel() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.onnx", withDestinationPath: "m.onnx")
        let before = try bytes(dir + "/m.onnx")
        expectOneLine(try run(["baseline", "write", "m.onnx", "m.onnx", "--bounds", "none"], in: dir),
                      mentions: "m.onnx: refusing to write the baseline over an input")
        expectOneLine(try run(["baseline", "write", "link.onnx", "m.onnx", "--bounds", "none"], in: dir),
                      mentions: "(the same file as m.onnx)")
        #expect(try bytes(dir + "/m.onnx") == before)
    }

    @Test func outputToALinkToADeviceWritesThroughIt() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try FileManager.default.createSymbolicLink(atPath: dir + "/null", withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: dir + "/out", withDestinationPath: "/dev/stdout")
        let quiet = try run(["check", "--bounds", "none", "--output", "null", "m.onnx"], in: dir)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty)
        let through = try run(["check", "--bounds", "none", "--output", "out", "m.onnx"], in: dir)
        #expect(through.status == 0, "\(through.stderr)")
        #expect(through.stdout.hasSuffix("1 model, 1 layer: 0 errors, 0 warnings, 0 notes\n"))
        let dash = try run(["check", "--bounds", "none", "--output", "-", "m.onnx"], in: dir)
        #expect(dash.stdout == through.stdout)
        #expect(!FileManager.default.fileExists(atPath: dir + "/-"))
        for link in ["null", "out"] {
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + link)
            #expect(target.hasPrefix("/dev/"), "\(link) was replaced")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    // MARK: - Discovery

    @Test func symbolicLinkCyclesAndLinksOutOfTheTreeAreNotWalked() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "tree/sub/m.onnx", CheckFixtures.conv())
        let links = ["tree/a": ".", "tree/b": ".", "tree/sub/up": "..", "tree/outside": dir, "tree/alias.onnx": "sub/m.onnx"]
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + link, withDestinationPath: target)
        }
        try CheckFixtures.put(dir, "other.onnx", CheckFixtures.conv())
        let r = try run(["check", "--bounds", "none", "tree"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(CheckFixtures.summary(r) == "1 model, 1 layer: 0 errors, 0 warnings, 0 notes")
    }

    @Test func aDirectoryWithoutModelsIsAnErrorUnlessAllowed() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        expectOneLine(try run(["check", "empty"], in: dir), mentions: "no .onnx models found in empty")
        let allowed = try run(["check", "--allow-empty", "empty"], in: dir)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        expectOneLine(try run(["baseline", "write", "b.json", "empty"], in: dir), mentions: "no .onnx models found")
        #expect(!FileManager.default.fileExists(atPath: dir + "/b.json"))
        let baseline = try run(["baseline", "write", "--allow-empty", "b.json", "empty"], in: dir)
        #expect(baseline.status == 0, "\(baseline.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/b.json"))
    }

    @Test(.enabled(if: getuid() != 0, "root reads every directory, so none can be made unreadable"))
    func anUnreadableDirectoryIsReported() throws {
        let dir = try CheckFixtures.scratch()
        defer {
            chmod(dir + "/tree/locked", 0o755)
            FileIO.remove(dir)
        }
        try CheckFixtures.put(dir, "tree/m.onnx", CheckFixtures.conv())
        try FileManager.default.createDirectory(atPath: dir + "/tree/locked", withIntermediateDirectories: true)
        chmod(dir + "/tree/locked", 0)
        let r = try run(["check", "--bounds", "none", "tree"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "liplint: tree/locked: cannot read directory: Permission denied\n")
    }

    // MARK: - Configuration and baseline files that are not regular files

    @Test func fifoAsConfigurationOrBaselineIsRefusedWithoutBlocking() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        #expect(mkfifo(dir + "/pipe.yml", 0o600) == 0)
        expectOneLine(try run(["check", "--bounds", "none", "--config", "pipe.yml", "m.onnx"], in: dir),
                      mentions: "pipe.yml: cannot read configuration: not a regular file but a named pipe (FIFO)")
        expectOneLine(try run(["check", "--bounds", "none", "--baseline", "pipe.yml", "m.onnx"], in: dir),
                      mentions: "pipe.yml: cannot read baseline: not a regular file but a named pipe (FIFO)")
        expectOneLine(try run(["check", "--bounds", "none", "--config", "/dev/zero", "m.onnx"], in: dir),
                      mentions: "/dev/zero: cannot read configuration: not a regular file but a character device")
    }

    @Test func aDanglingConfigurationLinkIsReported() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try FileManager.default.createSymbolicLink(atPath: dir + "/liplint.yml", withDestinationPath: "gone.yml")
        expectOneLine(try run(["check", "--bounds", "none", "m.onnx"], in: dir),
                      mentions: "liplint.yml: cannot read configuration: a symbolic link to a file that does not exist")
    }

    @Test func anAliasBombIsRefusedBeforeItExpands() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        // Nine levels of nine aliases each: 9⁹ ≈ 387 million nodes once expanded, from 600 bytes.
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        try CheckFixtures.put(dir, "liplint.yml", lines.joined(separator: "\n") + "\n")
        expectOneLine(try run(["check", "--bounds", "none", "m.onnx"], in: dir),
                      mentions: "liplint.yml:1: invalid YAML: anchor '&a0': anchors and aliases are not supported")
    }

    // MARK: - Output hygiene

    @Test func nodeNamesWithEscapesAndNewlinesArePrintedEscaped() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(name: "c\u{1B}[2J\u{1B}]0;x\u{07}\nfake: error", pads: [0, 0, 1, 1]))
        for args in [["check", "--bounds", "none", "m.onnx"], ["check", "--bounds", "none", "--format", "github", "m.onnx"],
                     ["check", "--bounds", "none", "--format", "markdown", "m.onnx"], ["inspect", "--bounds", "fast", "m.onnx"]] {
            let r = try run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"), "\(args)")
            #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("fake: error") }, "\(args): \(r.stdout)")
            #expect(r.stdout.contains("c\\e[2J\\e]0;x\\u{7}"), "\(args): \(r.stdout)")
        }
    }

    @Test func showConfigQuotesControlCharactersAsYAMLEscapes() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "liplint.yml", "exclude:\n  - \"a\\e[2J\\nb\"\n")
        let r = try run(["check", "--show-config", "m.onnx"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(r.stdout.contains("  - \"a\\x1B[2J\\x0Ab\""), "\(r.stdout)")
    }
}
