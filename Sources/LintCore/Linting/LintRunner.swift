import Analysis
import Dispatch
import Foundation
import ONNXModel

/// Runs a lint request: finds the models, resolves each model's configuration (discovered or `--config`),
/// drops excluded paths, analyses and lints the models in parallel, and applies the baseline. The result's
/// order is the order of `ModelDiscovery.expand`, whatever the scheduling. Reads files; never prints.
public struct LintRunner: Sendable {
    public var catalog: RuleCatalog

    public init(catalog: RuleCatalog) { self.catalog = catalog }

    /// The configuration that applies to a model at `path` (after the command line), as `check` resolves it.
    public func configuration(forModelAt path: String, request: LintRequest) throws(ConfigurationError) -> Configuration {
        var cache: [String: Configuration] = [:]
        return try configuration(for: path, request: request, cache: &cache)
    }

    private func configuration(for path: String, request: LintRequest, cache: inout [String: Configuration])
        throws(ConfigurationError) -> Configuration
    {
        let loader = ConfigurationLoader(catalog: catalog)
        let file = Self.configurationFile(for: path, given: request.configFile)
        let key = file ?? ""
        if let cached = cache[key] { return cached }
        let base: Configuration
        if let file {
            base = try loader.load(file: file)
        } else {
            base = try loader.defaultConfiguration()
        }
        let configuration = try request.commandLine.apply(to: base, catalog: catalog)
        cache[key] = configuration
        return configuration
    }

    /// The configuration file that applies to `path`: `given` (`--config`), else the discovered one; `nil` for
    /// the defaults.
    static func configurationFile(for path: String, given: String?) -> String? {
        given ?? ConfigurationLoader.discover(from: Self.directory(of: path))
    }

    /// The cache for a model at `path` at `location` (next to the configuration file that applies, given or
    /// discovered), `nil` when caching is disabled or there is no key to authenticate entries with.
    static func cache(
        for path: String, location: AnalysisCacheLocation, configFile: String?, toolIdentity: String,
        secret: AnalysisCacheSecret?
    ) -> AnalysisCache? {
        guard let secret else { return nil }
        let directory: String
        switch location {
        case .disabled: return nil
        case .directory(let given): directory = PathText.absolute(given)
        case .besideConfiguration:
            let base = configurationFile(for: path, given: configFile).map {
                URL(fileURLWithPath: PathText.absolute($0)).deletingLastPathComponent().path
            } ?? FileManager.default.currentDirectoryPath
            directory = URL(fileURLWithPath: base).appendingPathComponent(AnalysisCache.directoryName).path
        }
        return AnalysisCache(directory: directory, toolIdentity: toolIdentity, secret: secret)
    }

    /// Where discovery starts for `path`: the directory itself, or a file's directory.
    static func directory(of path: String) -> String {
        let absolute = PathText.absolute(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
            return absolute
        }
        return URL(fileURLWithPath: absolute).deletingLastPathComponent().path
    }

    /// Every file `request` reads besides the analysis cache: the models found, the configuration file of
    /// each (given or discovered) and the baseline. An output file must be none of them.
    public static func inputFiles(of request: LintRequest) -> [String] {
        let models = ModelDiscovery.expand(request.paths)
        var files = request.paths + models
        files += models.compactMap { configurationFile(for: $0, given: request.configFile) }
        if let configFile = request.configFile { files.append(configFile) }
        if let baseline = request.baselineFile { files.append(baseline) }
        return files
    }

    /// Lints every model of `request`.
    /// - Throws: `LintRunError` for a bad configuration file or rule name, an unusable baseline, or no
    ///   model found under the paths (unless `request.allowEmpty`). Unreadable models, and unreadable
    ///   directories met while searching, do not throw: their report carries the error.
    public func run(_ request: LintRequest) throws(LintRunError) -> LintResult {
        let start = DispatchTime.now()
        let started = Date()
        var cache: [String: Configuration] = [:]
        var found: [(path: String, problem: String?, configuration: Configuration)] = []
        let discovered = ModelDiscovery.discover(request.paths)
        if discovered.isEmpty && !request.allowEmpty { throw .noModels(paths: request.paths) }
        for item in discovered {
            let configuration: Configuration
            do {
                configuration = try self.configuration(for: item.path, request: request, cache: &cache)
            } catch {
                throw .configuration(error)
            }
            if configuration.excludes(path: PathText.absolute(item.path)) { continue }
            found.append((item.path, item.problem, configuration))
        }
        let jobs = found
        var baseline: Baseline?
        if let file = request.baselineFile {
            do {
                baseline = try Baseline.read(path: file)
            } catch {
                throw .baseline(error)
            }
        }
        let baselineDirectory = request.baselineFile.map {
            URL(fileURLWithPath: PathText.absolute($0)).deletingLastPathComponent().path
        }
        // `--jobs` threads in total (default: one per core): models in parallel, and the threads left over
        // shared among each model's layers (unless the analysis has its own count): one model uses every
        // thread for its layers, many models one thread each.
        let plan = Self.threadPlan(jobs: request.jobs, models: jobs.count)
        let workers = plan.models
        var request = request
        if request.analysis.jobs == 0 { request.analysis.jobs = plan.layersPerModel }
        let catalog = self.catalog
        let shared = request
        var reports = ParallelWork.map(jobs, workers: workers) { job in
            if let problem = job.problem {
                return ModelReport(
                    path: job.path, analysis: nil, findings: [], error: DisplayText.escaped("\(job.path): \(problem)"),
                    failOn: job.configuration.failOn.value)
            }
            return Self.lint(job.path, configuration: job.configuration, request: shared, catalog: catalog,
                             baselineDirectory: baselineDirectory)
        }
        var disappeared: Int?
        if let baseline, let baselineDirectory {
            let outcome = baseline.filter(reports, directory: baselineDirectory)
            reports = outcome.reports
            disappeared = outcome.disappeared
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return LintResult(reports: reports, baselineDisappeared: disappeared, seconds: seconds, started: started)
    }

    /// How `jobs` threads in total (0: one per core) are spread over `models` models: that many models at once
    /// (at most one per thread), and the threads left over per model for its layers (at least 1).
    public static func threadPlan(jobs: Int, models: Int) -> (models: Int, layersPerModel: Int) {
        let threads = jobs > 0 ? jobs : max(1, ProcessInfo.processInfo.activeProcessorCount)
        let workers = max(1, min(threads, models))
        return (workers, max(1, threads / workers))
    }

    /// Analyses and lints one model.
    static func lint(
        _ path: String, configuration: Configuration, request: LintRequest, catalog: RuleCatalog,
        baselineDirectory: String?
    ) -> ModelReport {
        let failOn = configuration.failOn.value
        let cache = Self.cache(
            for: path, location: request.cacheLocation, configFile: request.configFile,
            toolIdentity: request.toolIdentity, secret: request.cacheSecret)
        var analyzer = ModelAnalyzer(options: request.analysis, cache: cache, observer: request.observer)
        if request.figuresFromRules {
            var plan = FigurePlan(catalog: catalog, configuration: configuration, sizeSpecific: request.analysis.sizeSpecific)
            // `--singular-values` keeps the circulant spectrum's values: computed even when no rule reads them.
            if request.analysis.singularValues { plan.extraSizeDependent.insert(.circulant) }
            analyzer.options = plan.applied(to: analyzer.options)
        }
        let linter = Linter(catalog: catalog, configuration: configuration)
        var analysis: ModelAnalysis
        do {
            let analysed = try Self.analyzed(path, configuration: configuration, analyzer: analyzer)
            analysis = analysed.analysis
            if analysed.analyzer.options.searchEffort == .fast && request.figuresFromRules {
                analysis = try EffortRefinement(linter: linter, analyzer: analysed.analyzer)
                    .refine(analysis, of: analysed.model)
            }
        } catch {
            return ModelReport(path: path, analysis: nil, findings: [], error: error.description, failOn: failOn)
        }
        let start = ContinuousClock.now
        let fingerprintPath = baselineDirectory.map { PathText.relative(path, to: $0) } ?? path
        let findings = linter.findings(for: analysis, fingerprintPath: fingerprintPath)
        analyzer.finished(.lint, of: path, since: start)
        return ModelReport(path: path, analysis: analysis, findings: findings, error: nil, failOn: failOn)
    }

    /// Loads the model at `path` (within `analyzer.limits`) and analyses it with `analyzer`'s options completed
    /// by `configuration`: its input shapes and ranges (those the model has, and every one from the command
    /// line), and `network-bound: embedding`. Reports the load stage to the analyzer's observer.
    /// - Throws: `AnalysisError` when the model cannot be read or the options do not fit it.
    static func analyze(_ path: String, configuration: Configuration, analyzer: ModelAnalyzer)
        throws(AnalysisError) -> ModelAnalysis
    {
        try analyzed(path, configuration: configuration, analyzer: analyzer).analysis
    }

    /// The same, with the loaded model and the analyzer as configured for it (what a refinement needs).
    static func analyzed(_ path: String, configuration: Configuration, analyzer: ModelAnalyzer)
        throws(AnalysisError) -> (analysis: ModelAnalysis, model: Model, analyzer: ModelAnalyzer)
    {
        let start = ContinuousClock.now
        let model: Model
        do {
            model = try ModelLoader(limits: analyzer.limits).load(path: path)
        } catch {
            throw .unreadableModel(error, path: path)
        }
        var configured = analyzer
        configured.options.inputShapes = configuration.inputShapes(for: model)
        configured.options.inputRanges = configuration.inputRanges(for: model)
        configured.options.sizeSpecific =
            configured.options.sizeSpecific || configuration.networkBound.value == .embedding
        configured.finished(.load, of: path, since: start)
        return (try configured.analyze(model: model), model, configured)
    }
}
