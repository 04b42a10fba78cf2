import Analysis
import ArgumentParser
import Reporters

/// `liplint inspect MODEL`: every conv and dense layer with its geometry, input size and spectral figures.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List every conv and dense layer of a model with its geometry and spectral figures.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The ONNX model file.")
    var model: String

    @OptionGroup var analysisArguments: AnalysisArguments

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Figures to compute: none, fast (size-independent), standard (+ exact, embedding, circulant), all (+ approximation).")
    var bounds: BoundsSelection = .standard

    @Flag(name: .customLong("singular-values"), help: "Include full sorted singular-value lists in JSON output.")
    var singularValues = false

    @OptionGroup var jobsOption: JobsOption

    @OptionGroup var cacheOptions: CacheOptions

    @OptionGroup var feedbackOptions: FeedbackOptions

    func validate() throws {
    }

    func run() async throws {
        let options = AnalysisOptions(
            bounds: bounds, inputShapes: try analysisArguments.inputShapes.shapesByName(),
            singularValues: singularValues, jobs: jobsOption.threads, wrt: analysisArguments.wrtInputs,
            inputRanges: try analysisArguments.inputRanges.rangesByName(), sizeSpecific: analysisArguments.sizeSpecific,
            limits: analysisArguments.limits)
        // inspect caches only when asked (--cache-dir or LIPLINT_CACHE_DIR): it has no configuration file to keep a
        // cache next to.
        let cache = cacheOptions.noCache ? nil : cacheOptions.givenDirectory.flatMap { directory in
            cacheOptions.secret().map {
                AnalysisCache(directory: directory, toolIdentity: LiplintVersion.cacheIdentity, secret: $0)
            }
        }
        let feedback = StandardErrorFeedback(options: feedbackOptions)
        let analysis: ModelAnalysis
        do {
            analysis = try ModelAnalyzer(options: options, cache: cache, observer: feedback.observer).analyze(path: model)
        } catch {
            feedback.finishProgress()
            throw CLIFailure.usage(error.description)
        }
        feedback.finishProgress()
        let reportStart = ContinuousClock.now
        switch format {
        case .text: print(InspectTextReporter.render(analysis), terminator: "")
        case .json: print(InspectJSONReporter.render(analysis, toolVersion: LiplintVersion.string), terminator: "")
        }
        feedback.stage("report", since: reportStart)
    }
}

extension BoundsSelection: ExpressibleByArgument {}
