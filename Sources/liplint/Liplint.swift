import ArgumentParser
import Foundation

/// The `liplint` command. All errors reach `main()`, which maps them to exit codes in one place:
/// 0 success, 1 findings at or above `--fail-on`, 2 usage, configuration, unreadable-model and unexpected
/// internal errors (`ExitStatus`, `outcome(of:)`).
@main
struct Liplint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liplint",
        abstract: "Lint the Lipschitz constants of the convolutions and dense layers in ONNX models.",
        version: LiplintVersion.withLibraries,
        subcommands: [InspectCommand.self, CheckCommand.self, DiffCommand.self, RulesCommand.self, ExplainCommand.self, BaselineCommand.self,
                      RulePageCommand.self],
        defaultSubcommand: nil)

    static func main() async {
        MallocTuning.apply()
        BLASKernelSelection.upgradeIfNeeded()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Prints what `error` has to say and exits with its status (`outcome(of:)`).
    static func exit(with error: Error) -> Never {
        let outcome = outcome(of: error)
        if let text = outcome.stdout, !text.isEmpty { print(text) }
        if let line = outcome.stderr { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        Foundation.exit(outcome.status.rawValue)
    }

    /// The one mapping from an error to an exit status and what to print: `CLIFailure` carries its own;
    /// `--help` and `--version` succeed (text on stdout); a usage error is one line on stderr and 2; any other
    /// error is unexpected — an internal error, one line on stderr and 2, never 1 (1 means findings).
    static func outcome(of error: Error) -> (status: ExitStatus, stdout: String?, stderr: String?) {
        if let failure = error as? CLIFailure {
            return (failure.status, nil, failure.message.isEmpty ? nil : failure.message)
        }
        let code = exitCode(for: error)
        if code == .success { return (.success, fullMessage(for: error), nil) }
        // One line: the error itself, without ArgumentParser's usage block (`--help` shows that).
        let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        if code == .validationFailure { return (.failure, nil, "liplint: \(line) (see 'liplint --help')") }
        return (.failure, nil, "liplint: internal error: \(line.isEmpty ? String(describing: error) : line)")
    }
}
