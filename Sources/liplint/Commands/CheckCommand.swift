import Analysis
import ArgumentParser
import Foundation
import LintCore
import LintRules
import ONNXModel
import Reporters

/// `liplint check PATHS...`: lint models against the configuration; the CI gate.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint ONNX models: per-layer spectral norms and structural checks against the configured rules.",
        discussion: """
            Exit status: 0 when no finding reaches --fail-on (default: the configuration's fail-on, else error), \
            1 when one does, 2 for usage or configuration errors or when a model cannot be read (the readable \
            ones are still reported).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, gitlab, markdown, html
    }

    @Argument(help: "ONNX model files, or directories to search for *.onnx files.")
    var paths: [String] = []

    @Option(help: "Use this configuration file for every model instead of discovering liplint.yml.")
    var config: String?

    @Option(help: "Output format: text, json, sarif (SARIF 2.1.0 for code scanning), github (Actions annotations), gitlab (Code Quality report), markdown (a pull-request comment) or html (a self-contained page with charts; use with --output).")
    var format: Format = .text

    @Option(
        name: .customLong("sarif-root"),
        help: ArgumentHelp("Directory the model paths in SARIF output are relative to (default: the working directory).", valueName: "DIR"))
    var sarifRoot: String?

    @Option(
        name: .customLong("sarif-docs-base"),
        help: ArgumentHelp(
            "Absolute URL of the repository tree the SARIF helpUri of each rule is built from (URL/docs/rules/LIPnnn-name.md).",
            valueName: "URL"))
    var sarifDocsBase: String?

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, note or never.")
    var failOn: FailLevel?

    @OptionGroup var selection: RuleSelectionArguments

    @OptionGroup var analysisArguments: AnalysisArguments

    @Flag(
        name: .customLong("singular-values"),
        help: "Keep the full sorted singular-value lists (circulant spectrum; approximation with --bounds all): plotted by --format html, included in --format json.")
    var singularValues = false

    @Option(help: ArgumentHelp("Report only findings not recorded in this baseline file.", valueName: "FILE"))
    var baseline: String?

    @Flag(name: .customLong("show-config"), help: "Print the merged configuration with the origin of every value, then exit.")
    var showConfig = false

    @OptionGroup var jobsOption: JobsOption

    @Flag(help: "Add the run's start time and duration to the report (text: also when writing to a terminal).")
    var timestamps = false

    @Flag(name: .customLong("allow-empty"), help: "Accept paths that hold no .onnx model (exit 0 instead of 2).")
    var allowEmpty = false

    @OptionGroup var cacheOptions: CacheOptions

    @OptionGroup var feedbackOptions: FeedbackOptions

    func validate() throws {
        if paths.isEmpty && !showConfig { throw ValidationError("give at least one model file or directory") }
        if sarifRoot != nil && format != .sarif { throw ValidationError("--sarif-root applies to --format sarif only") }
        if let sarifDocsBase {
            if format != .sarif { throw ValidationError("--sarif-docs-base applies to --format sarif only") }
            guard let colon = sarifDocsBase.firstIndex(of: ":"), sarifDocsBase.first?.isLetter == true,
                  sarifDocsBase[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
                  !sarifDocsBase.contains(where: \.isWhitespace)
            else { throw ValidationError("--sarif-docs-base must be an absolute URL, e.g. https://github.com/ORG/liplint/blob/main/") }
        }
    }

    func run() async throws {
        let catalog = AllRules.catalog
        let feedback = StandardErrorFeedback(options: feedbackOptions)
        var request = try LintRequest(
            paths: paths, configFile: config, failOn: failOn, selection: selection, analysis: analysisArguments,
            jobs: jobsOption, cache: cacheOptions)
        request.analysis.singularValues = singularValues
        request.baselineFile = baseline
        request.observer = feedback.observer
        request.allowEmpty = allowEmpty
        let runner = LintRunner(catalog: catalog)
        if showConfig {
            let target = paths.first ?? FileManager.default.currentDirectoryPath
            let configuration: Configuration
            do {
                configuration = try runner.configuration(forModelAt: target, request: request)
            } catch {
                throw CLIFailure.usage(error.description)
            }
            let plan = FigurePlan(catalog: catalog, configuration: configuration, sizeSpecific: analysisArguments.sizeSpecific)
            print(CheckConfigReporter.render(configuration, catalog: catalog, appliesTo: paths.first ?? ".")
                + CheckConfigReporter.figures(plan, explicitBounds: selection.bounds?.rawValue), terminator: "")
            return
        }
        if let output { try OutputGuard.refuseOverwriting(output, inputs: LintRunner.inputFiles(of: request), writing: "report") }
        let result: LintResult
        do {
            result = try runner.run(request)
        } catch {
            feedback.finishProgress()
            throw CLIFailure.usage(error.description)
        }
        feedback.finishProgress()
        let reportStart = ContinuousClock.now
        let text: String
        switch format {
        case .text:
            let color = output == nil && Terminal.stdoutWantsColor
            // The run time only on a terminal or with --timestamps: piped and written reports are deterministic.
            let time = timestamps || (output == nil && Terminal.stdoutIsTerminal)
            text = CheckTextReporter.findings(result, color: color) + CheckTextReporter.summary(result, includeTime: time)
                + "\n"
        case .json:
            text = CheckJSONReporter.render(result, toolVersion: LiplintVersion.string, timestamps: timestamps)
        case .sarif:
            let cwd = FileManager.default.currentDirectoryPath
            text = SarifReporter.render(
                result, catalog: catalog, toolVersion: LiplintVersion.string,
                options: SarifReporter.Options(
                    root: PathText.absolute(sarifRoot ?? cwd), currentDirectory: cwd,
                    documentationBase: sarifDocsBase.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, timestamps: timestamps))
        case .github:
            text = GitHubReporter.render(result, currentDirectory: FileManager.default.currentDirectoryPath)
        case .gitlab:
            text = GitLabCodeQualityReporter.render(result, currentDirectory: FileManager.default.currentDirectoryPath)
        case .markdown:
            text = CheckMarkdownReporter.render(result)
        case .html:
            text = CheckHTMLReporter.render(result, toolVersion: LiplintVersion.string)
        }
        try ReportFile.emit(text, to: output)
        feedback.stage("report", since: reportStart)
        for report in result.reports {
            if let error = report.error {
                FileHandle.standardError.write(Data("liplint: \(DisplayText.escaped(error))\n".utf8))
            }
        }
        if result.unreadableCount > 0 { throw CLIFailure.unreadable }
        if result.failed { throw CLIFailure.findings }
    }
}

extension FailLevel: ExpressibleByArgument {}
