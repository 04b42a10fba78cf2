import Analysis

/// Everything `liplint diff OLD NEW` asks of a run.
public struct DiffRequest: Sendable {
    /// The model before the change.
    public var oldPath: String
    /// The model after the change; its configuration (discovered from its directory, or `configFile`)
    /// applies to both models, so both are analysed alike.
    public var newPath: String
    /// `--config FILE` instead of discovery.
    public var configFile: String?
    public var commandLine: CommandLineSettings
    /// Analysis options except the input shapes and ranges (from the configuration and the command line)
    /// and `bounds` (below).
    public var analysis: AnalysisOptions
    /// `--bounds`; `nil`: the least that computes the compared certificate — `fast` (size-independent
    /// `asymptotic`), or `standard` when the analysis is size-specific (`embedding`).
    public var bounds: BoundsSelection?
    /// Threads in total (0: one per core): both models are analysed at once, each with half of them.
    public var jobs: Int
    /// Where analysis results are cached (default: nowhere); `.besideConfiguration` means next to NEW's
    /// configuration, for both models.
    public var cacheLocation: AnalysisCacheLocation = .disabled
    /// The liplint version and build, part of every cache key (`AnalysisCache.toolIdentity`).
    public var toolIdentity: String = ""
    /// The key that authenticates cache entries; without one nothing is cached, whatever `cacheLocation`.
    public var cacheSecret: AnalysisCacheSecret?
    /// Told about layer counts, stage timings and the cache of both models.
    public var observer: AnalysisObserver?

    public init(
        oldPath: String, newPath: String, configFile: String? = nil,
        commandLine: CommandLineSettings = CommandLineSettings(), analysis: AnalysisOptions = AnalysisOptions(),
        bounds: BoundsSelection? = nil, jobs: Int = 0
    ) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.configFile = configFile
        self.commandLine = commandLine
        self.analysis = analysis
        self.bounds = bounds
        self.jobs = jobs
    }
}
