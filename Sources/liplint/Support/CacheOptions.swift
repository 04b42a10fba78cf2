import Analysis
import ArgumentParser
import Foundation
import LintCore

/// `--cache-dir DIR` and `--no-cache`, shared by `check`, `baseline write`, `diff` and `inspect`.
struct CacheOptions: ParsableArguments {
    @Option(
        name: .customLong("cache-dir"),
        help: ArgumentHelp(
            "Keep the analysis cache in DIR (default: $LIPLINT_CACHE_DIR, else for check and diff .liplint-cache next to the configuration file or in the current directory; inspect: none).",
            valueName: "DIR"))
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the analysis cache.")
    var noCache = false

    func validate() throws {
        if noCache && cacheDirectory != nil { throw ValidationError("--no-cache and --cache-dir exclude each other") }
    }

    /// The environment variable that sets the cache directory when `--cache-dir` is not given (as ruff's
    /// `RUFF_CACHE_DIR`): for CI jobs that keep one cache for all checkouts.
    static let environmentVariable = "LIPLINT_CACHE_DIR"

    /// The directory given by `--cache-dir`, else by `LIPLINT_CACHE_DIR` (when set and not empty).
    var givenDirectory: String? {
        if let cacheDirectory { return cacheDirectory }
        guard let value = ProcessInfo.processInfo.environment[Self.environmentVariable], !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The user's cache key (`AnalysisCacheSecret`: `$XDG_CACHE_HOME/liplint/cache-key`, else
    /// `~/.cache/liplint/cache-key`), created on first use; `nil`, after a one-line warning on standard error,
    /// when it cannot be read or created: the run is then not cached.
    func secret() -> AnalysisCacheSecret? {
        guard let directory = AnalysisCacheSecret.directory(environment: ProcessInfo.processInfo.environment) else {
            warn("no cache key: neither XDG_CACHE_HOME nor HOME is set")
            return nil
        }
        do {
            return try AnalysisCacheSecret.load(directory: directory)
        } catch {
            warn("no cache key: \(error.description)")
            return nil
        }
    }

    private func warn(_ reason: String) {
        FileHandle.standardError.write(Data("liplint: warning: analysis cache off (\(reason))\n".utf8))
    }

    /// Where `check` caches: nowhere with `--no-cache`, else `--cache-dir` or `LIPLINT_CACHE_DIR`, else next to
    /// the configuration.
    var location: AnalysisCacheLocation {
        if noCache { return .disabled }
        if let givenDirectory { return .directory(givenDirectory) }
        return .besideConfiguration
    }
}
