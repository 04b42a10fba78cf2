import Analysis
import Dispatch
import Foundation

/// Runs `liplint diff`: resolves the configuration that applies to NEW (discovered from NEW's directory, or
/// `--config`, then the command line), analyses OLD and NEW in parallel with the same options, compares them
/// (`ModelDiff`) and runs the diff rules. Reads files; never prints.
public struct DiffRunner: Sendable {
    public var catalog: RuleCatalog

    public init(catalog: RuleCatalog) { self.catalog = catalog }

    /// The configuration that applies to the run: NEW's, as `check` would resolve it, after the command line.
    public func configuration(for request: DiffRequest) throws(ConfigurationError) -> Configuration {
        try LintRunner(catalog: catalog).configuration(
            forModelAt: request.newPath,
            request: LintRequest(paths: [request.newPath], configFile: request.configFile, commandLine: request.commandLine))
    }

    /// Compares the two models of `request`.
    /// - Throws: `DiffRunError` for a bad configuration, or for a model that cannot be read or analysed
    ///   (OLD's error first when both fail).
    public func run(_ request: DiffRequest) throws(DiffRunError) -> DiffResult {
        let start = DispatchTime.now()
        let configuration: Configuration
        do {
            configuration = try self.configuration(for: request)
        } catch {
            throw .configuration(error)
        }
        var options = request.analysis
        let sizeSpecific = options.sizeSpecific || configuration.networkBound.value == .embedding
        options.bounds = request.bounds ?? (sizeSpecific ? .standard : .fast)
        // `--jobs` as in `check`: threads in total, spread over the two models, then their layers.
        let plan = LintRunner.threadPlan(jobs: request.jobs, models: 2)
        if options.jobs == 0 { options.jobs = plan.layersPerModel }
        // One cache for both models, where `check` would keep NEW's.
        let cache = LintRunner.cache(
            for: request.newPath, location: request.cacheLocation, configFile: request.configFile,
            toolIdentity: request.toolIdentity, secret: request.cacheSecret)
        let analyzer = ModelAnalyzer(options: options, cache: cache, observer: request.observer)
        let paths = [request.oldPath, request.newPath]
        let analyses = ParallelWork.map(paths, workers: plan.models) { path in
            Result { () throws(AnalysisError) -> ModelAnalysis in
                try LintRunner.analyze(path, configuration: configuration, analyzer: analyzer)
            }
        }
        var sides: [ModelAnalysis] = []
        for (path, result) in zip(paths, analyses) {
            switch result {
            case .success(let analysis): sides.append(analysis)
            case .failure(let error): throw .model(path: path, error)
            }
        }
        let diff = ModelDiff(old: sides[0], new: sides[1])
        let findings = Linter(catalog: catalog, configuration: configuration)
            .findings(for: diff, fingerprintPath: request.newPath)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return DiffResult(
            oldPath: request.oldPath, newPath: request.newPath, diff: diff, findings: findings,
            failOn: configuration.failOn.value, seconds: seconds)
    }
}
