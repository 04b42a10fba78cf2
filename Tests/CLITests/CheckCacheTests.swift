import Foundation
import Testing
import TestSupport

/// `check`'s analysis cache end to end: where it lives (next to the configuration, `--cache-dir`,
/// `LIPLINT_CACHE_DIR`, nowhere with `--no-cache`), that a hit skips the analysis and prints the same report
/// byte for byte, and that a corrupted entry is ignored and replaced.
@Suite struct CheckCacheTests {
    /// `check ARGS --bounds standard --format json --verbose` in `dir` with no cache variable set (the test
    /// helper's fresh cache would otherwise apply).
    static func check(_ args: [String], in dir: String, cacheVariable: String = "") throws -> LiplintProcess.Result {
        try LiplintProcess.run(
            ["check"] + args + ["--bounds", "standard", "--format", "json", "--verbose"], in: URL(fileURLWithPath: dir),
            environment: environment(cacheVariable: cacheVariable))
    }

    /// This process's environment with `LIPLINT_CACHE_DIR` set to `cacheVariable` (empty: unset for liplint).
    static func environment(cacheVariable: String = "") -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LIPLINT_CACHE_DIR"] = cacheVariable
        return environment
    }

    static func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".entry") }
    }

    @Test func aSecondRunIsAHitWithTheSameReport() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(3))
        let first = try Self.check(["m.onnx", "--cache-dir", "c"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("liplint: m.onnx: cache miss"))
        #expect(first.stderr.contains("liplint: m.onnx: cache stored"))
        #expect(first.stderr.contains("liplint: m.onnx: figures "))
        #expect(Self.entries(dir + "/c").count == 1)
        let second = try Self.check(["m.onnx", "--cache-dir", "c"], in: dir)
        #expect(second.stderr.contains("liplint: m.onnx: cache hit"))
        #expect(!second.stderr.contains("figures "), "a hit computes no figures: \(second.stderr)")
        #expect(second.stdout == first.stdout)
        #expect(second.stdout.contains("\"embedding\""))
        // Text too (the report is a function of the analysis, however it was obtained).
        let texts = try (0..<2).map { _ in
            try LiplintProcess.run(["check", "m.onnx", "--cache-dir", "c"], in: URL(fileURLWithPath: dir)).stdout
        }
        #expect(texts[0] == texts[1] && texts[0].contains("1 model"))
    }

    @Test func theDefaultCacheIsNextToTheConfiguration() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "project/liplint.yml", "fail-on: error\n")
        try CheckFixtures.put(dir, "project/models/m.onnx", CheckFixtures.conv())
        let r = try Self.check(["project/models/m.onnx"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.entries(dir + "/project/.liplint-cache").count == 1)
        let ignore = try String(contentsOfFile: dir + "/project/.liplint-cache/.gitignore", encoding: .utf8)
        #expect(ignore.contains("*"))
        // Without a configuration file: the current directory.
        try CheckFixtures.put(dir, "loose/m.onnx", CheckFixtures.conv())
        _ = try Self.check(["m.onnx"], in: dir + "/loose")
        #expect(Self.entries(dir + "/loose/.liplint-cache").count == 1)
    }

    @Test func theVariableAndTheFlagsChooseTheDirectory() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        _ = try Self.check(["m.onnx"], in: dir, cacheVariable: dir + "/from-env")
        #expect(Self.entries(dir + "/from-env").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.liplint-cache"))
        // --cache-dir wins over the variable.
        _ = try Self.check(["m.onnx", "--cache-dir", "flag"], in: dir, cacheVariable: dir + "/from-env-2")
        #expect(Self.entries(dir + "/flag").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/from-env-2"))
        // --no-cache reads and writes nothing.
        let none = try Self.check(["m.onnx", "--no-cache"], in: dir, cacheVariable: dir + "/from-env-3")
        #expect(none.status == 0)
        #expect(!none.stderr.contains("cache"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/from-env-3"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.liplint-cache"))
        let both = try Self.check(["m.onnx", "--no-cache", "--cache-dir", "x"], in: dir)
        #expect(both.status == 2 && both.stderr.contains("exclude each other"))
    }

    @Test func aCorruptedEntryIsIgnoredAndReplaced() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(2))
        let first = try Self.check(["m.onnx", "--cache-dir", "c"], in: dir)
        let entry = try #require(Self.entries(dir + "/c").first)
        let path = dir + "/c/" + entry
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 10] ^= 0x01
        try FileIO.write(bytes, to: path)
        let second = try Self.check(["m.onnx", "--cache-dir", "c"], in: dir)
        #expect(second.stderr.contains("cache entry ignored ("), "\(second.stderr)")
        #expect(second.stderr.contains("cache stored"))
        #expect(second.stdout == first.stdout)
        let third = try Self.check(["m.onnx", "--cache-dir", "c"], in: dir)
        #expect(third.stderr.contains("cache hit"))
    }

    @Test func anUnwritableCacheWarnsOnceAndStillReports() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "a.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "b.onnx", CheckFixtures.chain(2))
        try CheckFixtures.put(dir, "taken", "a file, not a directory")
        let environment = Self.environment()
        let r = try LiplintProcess.run(
            ["check", "a.onnx", "b.onnx", "--cache-dir", "taken", "--bounds", "fast"], in: URL(fileURLWithPath: dir),
            environment: environment)
        #expect(r.status == 0)
        #expect(r.stdout.contains("2 models"))
        let warnings = r.stderr.split(separator: "\n").filter { $0.contains("warning: cannot write the cache") }
        #expect(warnings.count == 1, "\(r.stderr)")
        let quiet = try LiplintProcess.run(
            ["check", "a.onnx", "--cache-dir", "taken", "--bounds", "fast", "--quiet"], in: URL(fileURLWithPath: dir),
            environment: environment)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func diffSharesTheCacheWithCheck() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "old.onnx", CheckFixtures.chain(2))
        try CheckFixtures.put(dir, "new.onnx", CheckFixtures.chain(3))
        func run(_ args: [String]) throws -> LiplintProcess.Result {
            try LiplintProcess.run(
                args + ["--cache-dir", "c", "--verbose"], in: URL(fileURLWithPath: dir), environment: Self.environment())
        }
        // check with diff's default bounds (fast) stores NEW; diff then reads it and computes only OLD.
        let check = try run(["check", "new.onnx", "--bounds", "fast"])
        #expect(check.stderr.contains("new.onnx: cache stored"))
        let first = try run(["diff", "old.onnx", "new.onnx", "--format", "json"])
        #expect(first.stderr.contains("new.onnx: cache hit"), "\(first.stderr)")
        #expect(first.stderr.contains("old.onnx: cache miss"))
        let second = try run(["diff", "old.onnx", "new.onnx", "--format", "json"])
        #expect(second.stderr.contains("old.onnx: cache hit") && second.stderr.contains("new.onnx: cache hit"))
        #expect(second.stdout == first.stdout)
        let uncached = try LiplintProcess.run(
            ["diff", "old.onnx", "new.onnx", "--format", "json", "--no-cache"], in: URL(fileURLWithPath: dir))
        #expect(uncached.stdout == first.stdout)
        #expect(first.stdout.contains("\"added\""))
    }
}
