import ArgumentParser
import Foundation

/// The `liplint` command. All errors reach `main()`, which maps them to exit codes in one place:
/// 0 success, 1 findings at or above `--fail-on`, 2 usage, configuration or unreadable-model errors.
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

    /// Prints the error's message (to stdout for help/version, stderr otherwise) and exits with liplint's
    /// code for it.
    static func exit(with error: Error) -> Never {
        if let failure = error as? CLIFailure {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(failure.exitCode)
        }
        let code = exitCode(for: error)
        if code == .success {
            let text = fullMessage(for: error)
            if !text.isEmpty { print(text) }
            Foundation.exit(0)
        }
        // One line: the error itself, without ArgumentParser's usage block (`--help` shows that).
        let line = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        FileHandle.standardError.write(Data(("liplint: \(line) (see 'liplint --help')\n").utf8))
        // ArgumentParser's own usage errors would exit 64; liplint documents 2 for every usage error.
        Foundation.exit(code.rawValue == 1 ? 1 : 2)
    }
}
