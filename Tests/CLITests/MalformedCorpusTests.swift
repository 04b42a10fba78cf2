import Dispatch
import Foundation
import Testing
import TestSupport

/// The malformed-model corpus (fixtures/malformed, made by scripts/generate-malformed-corpus.py, plus the
/// inputs fuzzing found in fixtures/malformed/fuzz): `check` and `inspect` on every file exit 0, 1 or 2 and
/// never by a signal; exit 2 comes with exactly one line on stderr; each run stays within its time and memory
/// bound; and no model file changes.
@Suite struct MalformedCorpusTests {
    static let directory = LiplintProcess.packageRoot.appendingPathComponent("fixtures/malformed")

    /// The corpus files, corpus-relative (`name.onnx`, `fuzz/crash-…`).
    static func files() throws -> [String] {
        let top = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".onnx") }
        let fuzzDirectory = directory.appendingPathComponent("fuzz").path
        let fuzz = ((try? FileManager.default.contentsOfDirectory(atPath: fuzzDirectory)) ?? [])
            .filter { !$0.hasPrefix(".") }.map { "fuzz/" + $0 }
        return (top + fuzz).sorted()
    }

    /// Time per run: 5 s as the issue asks of an optimized build; a debug build (and a shared machine) is
    /// several times slower, so it gets 4× that.
    #if DEBUG
    static let secondsPerRun = 20.0
    #else
    static let secondsPerRun = 5.0
    #endif
    static let bytesPerRun = 500 << 20

    /// Every class of hostile input the issue lists has members (the file name starts with its class).
    @Test func everyClassHasMembers() throws {
        let files = try Self.files()
        #expect(files.count >= 200, "\(files.count) files")
        let classes = [
            "truncated-", "bitflip-", "random-", "lfs-pointer", "wiretype-", "varint-11-bytes", "length-past-eof",
            "deep-subgraphs-", "deep-messages-", "dims-overflow-int64", "dims-negative", "dims-200k", "raw-short",
            "raw-long", "external-", "weights-nan", "weights-inf", "weights-denormal", "weights-double-1e300",
            "kernel-zero-size", "group-not-dividing", "strides-0", "strides-2147483648", "dilations-0",
            "dilations-2147483648", "strides-4096", "dilations-4096", "pads-16777216", "pads-100",
            "convtranspose-output-shape-16777216", "dims-input-2-31", "dims-input-100000", "gemm-k-mismatch",
            "repeated-attribute-t", "repeated-model-graph",
        ]
        for name in classes {
            #expect(files.contains { $0.hasPrefix(name) }, "no corpus file of class \(name)")
        }
        var total = 0
        for file in files {
            total += (try FileManager.default.attributesOfItem(atPath: Self.directory.appendingPathComponent(file).path)[.size] as? Int) ?? 0
        }
        #expect(total < 5 << 20, "the corpus takes \(total) bytes")
    }

    @Test func checkAndInspectExitCleanlyOnEveryFile() throws {
        let files = try Self.files()
        let before = try files.map { try Data(contentsOf: Self.directory.appendingPathComponent($0)) }
        let runs = files.flatMap { file in ["check", "inspect"].map { (command: $0, file: file) } }
        let executable = LiplintProcess.executable.path
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("liplint-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let results = ResultBox(count: runs.count)
        // Two at a time: the machine's two cores (and other suites run alongside).
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let i = next.take(below: runs.count) {
                let run = runs[i]
                let outcome = Result {
                    try BoundedProcess.run(
                        executable, [run.command, "--cache-dir", cache.path, run.file],
                        in: Self.directory.path, deadline: Self.secondsPerRun * 3)
                }
                results.set(i, outcome)
            }
        }
        for (i, run) in runs.enumerated() {
            let label = "\(run.command) \(run.file)"
            guard let outcome = results.get(i) else {
                Issue.record("\(label): not run")
                continue
            }
            let r = try outcome.get()
            #expect(!r.timedOut && r.seconds < Self.secondsPerRun, "\(label): took \(r.seconds) s")
            #expect(r.peakBytes < Self.bytesPerRun, "\(label): peak memory \(r.peakBytes >> 20) MiB")
            guard let code = r.exitCode else {
                Issue.record("\(label): ended by signal \(r.signal ?? 0): \(r.stderr.prefix(500))")
                continue
            }
            #expect([0, 1, 2].contains(code), "\(label): exit \(code): \(r.stderr.prefix(500))")
            if code == 2 {
                let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
                #expect(lines.count == 1 && r.stderr.hasSuffix("\n"), "\(label): stderr is not one line: \(r.stderr.prefix(500))")
                #expect(r.stderr.utf8.count < 1000, "\(label): a \(r.stderr.utf8.count)-byte error line")
            }
        }
        for (file, bytes) in zip(files, before) {
            #expect(try Data(contentsOf: Self.directory.appendingPathComponent(file)) == bytes, "\(file) changed")
        }
    }
}

/// Thread-safe result slots for the parallel runs.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<BoundedProcess.Result, any Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<BoundedProcess.Result, any Error>) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> Result<BoundedProcess.Result, any Error>? { lock.withLock { slots[i] } }
}

/// Hands out indices `0..<n` once each, across threads.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below n: Int) -> Int? {
        lock.withLock {
            guard value < n else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
