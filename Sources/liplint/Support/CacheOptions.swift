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

    /// Where `check` caches: nowhere with `--no-cache`, else `--cache-dir` or `LIPLINT_CACHE_DIR`, else next to
    /// the configuration.
    var location: AnalysisCacheLocation {
        if noCache { return .disabled }
        if let givenDirectory { return .directory(givenDirectory) }
        return .besideConfiguration
    }
}
