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
    /// `--baseline FILE`.
    public var baselineFile: String?
    /// Models analysed at once (0: one per core).
    public var jobs: Int

    public init(
        paths: [String], configFile: String? = nil, commandLine: CommandLineSettings = CommandLineSettings(),
        analysis: AnalysisOptions = AnalysisOptions(), baselineFile: String? = nil, jobs: Int = 0
    ) {
        self.paths = paths
        self.configFile = configFile
        self.commandLine = commandLine
        self.analysis = analysis
        self.baselineFile = baselineFile
        self.jobs = jobs
    }
}
