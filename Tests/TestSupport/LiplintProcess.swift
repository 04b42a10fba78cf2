import Foundation

/// Runs the built `liplint` executable, for end-to-end tests of the command line.
public enum LiplintProcess {
    /// The result of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The package root (three levels above this file).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `liplint` binary next to the test bundle (`.build/<config>/liplint`).
    public static var executable: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        // On Linux the runner is `.build/<config>/<package>PackageTests.xctest`; elsewhere it may sit deeper.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("liplint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/liplint")
    }

    /// `XDG_CACHE_HOME` of the runs of this test process (under the temporary directory), removed when the
    /// test process exits.
    public static let testCacheHome: String = {
        atexit { try? FileManager.default.removeItem(atPath: LiplintProcess.testCacheHomePath) }
        return testCacheHomePath
    }()

    private static var testCacheHomePath: String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("liplint-test-home-\(ProcessInfo.processInfo.processIdentifier)").path
    }

    /// Runs `liplint arguments...` in `directory` (default: the package root) and waits for it.
    ///
    /// Unless `environment` sets `LIPLINT_CACHE_DIR`, the run gets a fresh, empty cache directory of its own
    /// (removed afterwards): every run computes its results (a cache miss, then a store), no run reads another
    /// test's entries, and nothing is left in the checkout. Tests of the cache pass `--cache-dir` or `--no-cache`.
    /// Unless `environment` sets `XDG_CACHE_HOME`, the cache key lives under `testCacheHome`.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil)
        throws -> Result
    {
        var variables = environment ?? ProcessInfo.processInfo.environment
        var cacheDirectory: URL?
        if variables["LIPLINT_CACHE_DIR"] == nil {
            let fresh = FileManager.default.temporaryDirectory
                .appendingPathComponent("liplint-test-cache-\(UUID().uuidString)")
            variables["LIPLINT_CACHE_DIR"] = fresh.path
            cacheDirectory = fresh
        }
        defer { if let cacheDirectory { try? FileManager.default.removeItem(at: cacheDirectory) } }
        // The cache key (`AnalysisCacheSecret`) in a directory of this test process, not the user's home:
        // shared by its runs, so that one run can hit what another stored.
        if variables["XDG_CACHE_HOME"] == nil { variables["XDG_CACHE_HOME"] = testCacheHome }
        return try runProcess(executable, arguments, in: directory ?? packageRoot, environment: variables)
    }

    /// Runs any executable with `arguments` in `directory` and waits for it. Standard output and standard
    /// error are drained at the same time (error on a thread of its own), so a child that fills one pipe
    /// while the other is being read to its end cannot block forever; standard input is empty.
    public static func runProcess(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = PipeDrain(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Whether `script(1)` is installed (`bsdutils`; `scripts/setup.sh` installs it): the terminal tests need it.
    public static let terminalAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    /// Runs `liplint arguments...` under `script(1)`, which gives it a terminal for all three standard streams,
    /// in `directory` with `environment`, and returns what the terminal showed (standard output and error
    /// interleaved). Tests that call it are `.enabled(if: LiplintProcess.terminalAvailable)`; without `script`
    /// it throws. Arguments must not need shell quoting.
    public static func runUnderTerminal(_ arguments: [String], in directory: URL, environment: [String: String])
        throws -> String
    {
        guard terminalAvailable else { throw TerminalUnavailable() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", ([executable.path] + arguments).joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = directory
        process.environment = environment.merging(["XDG_CACHE_HOME": testCacheHome]) { given, _ in given }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `script(1)` is not installed.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String { "/usr/bin/script is not installed (bsdutils; run scripts/setup.sh)" }
}

/// Reads one pipe to its end on a thread of its own, so that two pipes drain at once.
final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe delivered, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
