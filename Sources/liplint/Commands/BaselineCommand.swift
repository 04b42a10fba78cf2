import Analysis
import ArgumentParser
import Foundation
import LintCore
import LintRules
import ONNXModel

/// `liplint baseline write FILE PATHS...`: record today's findings so that `check --baseline FILE` reports
/// only new ones.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Manage baseline files of accepted findings.",
        subcommands: [BaselineWriteCommand.self])
}

/// `liplint baseline write FILE PATHS...`.
struct BaselineWriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Lint PATHS and record every finding in FILE (fingerprints: rule, model path relative to FILE, node).")

    @Argument(help: "The baseline file to write (replaced atomically).")
    var file: String

    @Argument(help: "ONNX model files or directories.")
    var paths: [String]

    @Option(help: "Use this configuration file for every model instead of discovering liplint.yml.")
    var config: String?

    // The options of `check` that decide which findings there are, from the same option groups.
    @OptionGroup var selection: RuleSelectionArguments

    @OptionGroup var analysisArguments: AnalysisArguments

    @OptionGroup var jobsOption: JobsOption

    @OptionGroup var cacheOptions: CacheOptions

    @Flag(name: .customLong("allow-empty"), help: "Accept paths that hold no .onnx model (an empty baseline).")
    var allowEmpty = false

    func run() throws {
        var request = try LintRequest(
            paths: paths, configFile: config, selection: selection, analysis: analysisArguments, jobs: jobsOption,
            cache: cacheOptions)
        request.allowEmpty = allowEmpty
        try OutputGuard.refuseOverwriting(file, inputs: LintRunner.inputFiles(of: request), writing: "baseline")
        let result: LintResult
        do {
            result = try LintRunner(catalog: AllRules.catalog).run(request)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        for report in result.reports {
            if let error = report.error {
                FileHandle.standardError.write(Data("liplint: \(DisplayText.escaped(error))\n".utf8))
            }
        }
        guard result.unreadableCount == 0 else {
            throw CLIFailure.usage("baseline not written: \(result.unreadableCount) model(s) could not be read")
        }
        let directory = URL(fileURLWithPath: PathText.absolute(file)).deletingLastPathComponent().path
        let baseline = Baseline(reports: result.reports, directory: directory)
        do {
            try baseline.write(path: file)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        let message = "wrote \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") to \(DisplayText.escaped(file))"
        // With `-` the baseline itself is standard output: the confirmation goes to standard error.
        if file == "-" {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        } else {
            print(message)
        }
    }
}
