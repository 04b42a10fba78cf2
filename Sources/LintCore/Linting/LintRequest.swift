import Analysis

/// Everything `liplint check` (and `liplint baseline write`) asks of a lint run.
public struct LintRequest: Sendable {
    /// Files and directories as given.
    public var paths: [String]
    /// `--config FILE`: one configuration for every model instead of discovery.
    public var configFile: String?
    public var commandLine: CommandLineSettings
    /// Analysis options except the input shapes, which come from the configuration and the command line.
    public var analysis: AnalysisOptions
    /// Whether each model's figures are the ones its enabled rules read (`FigurePlan`, `check` without
    /// `--bounds`) instead of `analysis.bounds`.
    public var figuresFromRules: Bool
    /// `--baseline FILE`.
    public var baselineFile: String?
    /// `--jobs`: threads in total (0: one per core), spread over models, then layers (`LintRunner.threadPlan`).
    public var jobs: Int
    /// `--allow-empty`: paths holding no model are an empty run (exit 0) rather than an error.
    public var allowEmpty = false
    /// Where analysis results are cached (default: nowhere).
    public var cacheLocation: AnalysisCacheLocation
    /// The liplint version and build, part of every cache key (`AnalysisCache.toolIdentity`).
    public var toolIdentity: String
    /// The key that authenticates cache entries; without one nothing is cached, whatever `cacheLocation`.
    public var cacheSecret: AnalysisCacheSecret?
    /// Told about layer counts, stage timings (including `load` and `lint`) and the cache of every model.
    public var observer: AnalysisObserver?

    public init(
        paths: [String], configFile: String? = nil, commandLine: CommandLineSettings = CommandLineSettings(),
        analysis: AnalysisOptions = AnalysisOptions(), figuresFromRules: Bool = false, baselineFile: String? = nil, jobs: Int = 0,
        cacheLocation: AnalysisCacheLocation = .disabled, toolIdentity: String = "", observer: AnalysisObserver? = nil
    ) {
        self.cacheLocation = cacheLocation
        self.toolIdentity = toolIdentity
        self.observer = observer
        self.paths = paths
        self.configFile = configFile
        self.commandLine = commandLine
        self.analysis = analysis
        self.figuresFromRules = figuresFromRules
        self.baselineFile = baselineFile
        self.jobs = jobs
    }
}
