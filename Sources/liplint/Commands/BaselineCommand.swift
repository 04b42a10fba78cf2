import Analysis
import ArgumentParser
import Foundation
import LintCore
import LintRules

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

    @Option(
        name: .customLong("input-shape"),
        help: ArgumentHelp("Full shape of a model input, e.g. x=1x3x224x224 (repeatable).", valueName: "NAME=DIMS"))
    var inputShapes: [InputShapeArgument] = []

    @Option(help: "Figures to compute: none, fast, standard, all (use what check uses; default: what the enabled rules read, as check).")
    var bounds: BoundsSelection?

    func run() throws {
        let request = LintRequest(
            paths: paths, configFile: config,
            commandLine: CommandLineSettings(inputShapes: try inputShapes.shapesByName()),
            analysis: AnalysisOptions(bounds: bounds ?? .standard), figuresFromRules: bounds == nil)
        let result: LintResult
        do {
            result = try LintRunner(catalog: AllRules.catalog).run(request)
        } catch {
            throw CLIFailure.usage(error.description)
        }
        for report in result.reports {
            if let error = report.error { FileHandle.standardError.write(Data("liplint: \(error)\n".utf8)) }
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
        print("wrote \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") to \(file)")
    }
}
