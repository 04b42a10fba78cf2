import Analysis
import LintCore

extension LintRequest {
    /// The request `check` and `baseline write` both build from their shared option groups, so that a
    /// baseline is written from the same analysis and rule selection as the check it filters.
    init(
        paths: [String], configFile: String?, failOn: FailLevel? = nil, selection: RuleSelectionArguments,
        analysis arguments: AnalysisArguments, jobs: JobsOption, cache: CacheOptions
    ) throws {
        self.init(
            paths: paths, configFile: configFile,
            commandLine: CommandLineSettings(
                failOn: failOn, select: selection.select, ignore: selection.ignore,
                inputShapes: try arguments.inputShapes.shapesByName(), inputRanges: try arguments.inputRanges.rangesByName()),
            analysis: AnalysisOptions(
                bounds: selection.bounds ?? .standard, wrt: arguments.wrtInputs, sizeSpecific: arguments.sizeSpecific,
                limits: arguments.limits),
            figuresFromRules: selection.bounds == nil,
            jobs: jobs.threads, cacheLocation: cache.location, toolIdentity: LiplintVersion.cacheIdentity)
        if cacheLocation != .disabled { cacheSecret = cache.secret() }
    }
}
