import Analysis
import ArgumentParser
import Foundation
import LintCore
import LintRules
import Reporters

/// `liplint diff OLD NEW`: compare the certified bounds of two versions of a model; the CI gate against a
/// pull request that loosens a certified model (rule `lipschitz-growth`).
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a model: every layer's certified bound and the network bound, before and after.",
        discussion: """
            Layers are matched by node name, then by position, op and weight shape. The configuration that \
            applies to NEW (discovered from its directory, or --config) applies to both models. Exit status: 0 \
            when no finding reaches --fail-on (default: the configuration's fail-on, else error), 1 when one \
            does, 2 for usage or configuration errors or when a model cannot be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "The model before the change.")
    var old: String

    @Argument(help: "The model after the change.")
    var new: String

    @Option(help: "Use this configuration file instead of discovering liplint.yml from NEW's directory.")
    var config: String?

    @Option(help: "Output format: text, json or markdown (a pull-request comment).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, note or never.")
    var failOn: FailLevel?

    @OptionGroup var analysisArguments: AnalysisArguments

    @Option(help: "Figures to compute: fast (size-independent), standard (+ exact, embedding, circulant), all (default: fast, or standard with --size-specific).")
    var bounds: BoundsSelection?

    @OptionGroup var jobsOption: JobsOption

    @OptionGroup var cacheOptions: CacheOptions

    @OptionGroup var feedbackOptions: FeedbackOptions

    func validate() throws {
        if bounds == BoundsSelection.none { throw ValidationError("--bounds none computes no bounds to compare: use fast, standard or all") }
    }

    func run() async throws {
        let catalog = AllRules.catalog
        var request = DiffRequest(
            oldPath: old, newPath: new, configFile: config,
            commandLine: CommandLineSettings(
                failOn: failOn, inputShapes: try analysisArguments.inputShapes.shapesByName(),
                inputRanges: try analysisArguments.inputRanges.rangesByName()),
            analysis: AnalysisOptions(
                wrt: analysisArguments.wrtInputs, sizeSpecific: analysisArguments.sizeSpecific, limits: analysisArguments.limits),
            bounds: bounds, jobs: jobsOption.threads)
        if let output {
            let configFile = config ?? ConfigurationLoader.discover(
                from: URL(fileURLWithPath: PathText.absolute(new)).deletingLastPathComponent().path)
            try OutputGuard.refuseOverwriting(output, inputs: [old, new] + (configFile.map { [$0] } ?? []), writing: "report")
        }
        let feedback = StandardErrorFeedback(options: feedbackOptions)
        request.cacheLocation = cacheOptions.location
        request.toolIdentity = LiplintVersion.cacheIdentity
        if request.cacheLocation != .disabled { request.cacheSecret = cacheOptions.secret() }
        request.observer = feedback.observer
        let result: DiffResult
        do {
            result = try DiffRunner(catalog: catalog).run(request)
        } catch {
            feedback.finishProgress()
            throw CLIFailure.usage(error.description)
        }
        feedback.finishProgress()
        let text: String
        switch format {
        case .text: text = DiffTextReporter.render(result, color: output == nil && Terminal.stdoutWantsColor)
        case .json: text = DiffJSONReporter.render(result, toolVersion: LiplintVersion.string)
        case .markdown: text = DiffMarkdownReporter.render(result)
        }
        try ReportFile.emit(text, to: output)
        if result.failed { throw CLIFailure.findings }
    }
}
