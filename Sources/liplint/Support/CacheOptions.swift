import ArgumentParser
import LintCore

/// `--cache-dir DIR` and `--no-cache`, shared by `check` and `inspect`.
struct CacheOptions: ParsableArguments {
    @Option(
        name: .customLong("cache-dir"),
        help: ArgumentHelp(
            "Keep the analysis cache in DIR (check's default: .liplint-cache next to the configuration file, or in the current directory).",
            valueName: "DIR"))
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the analysis cache.")
    var noCache = false

    func validate() throws {
        if noCache && cacheDirectory != nil { throw ValidationError("--no-cache and --cache-dir exclude each other") }
    }

    /// Where `check` caches: `--cache-dir`, nowhere with `--no-cache`, else next to the configuration.
    var location: AnalysisCacheLocation {
        if noCache { return .disabled }
        if let cacheDirectory { return .directory(cacheDirectory) }
        return .besideConfiguration
    }
}
