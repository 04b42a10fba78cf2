import LintCore
import ONNXModel

/// An error the command reports as one line on stderr (or none), with the exit status it maps to.
struct CLIFailure: Error {
    var message: String
    var status: ExitStatus

    /// Usage, configuration or unreadable-model errors (exit code 2).
    /// The message is escaped (`DisplayText`): it may quote names and paths from files.
    static func usage(_ message: String) -> CLIFailure {
        CLIFailure(message: "liplint: " + DisplayText.escaped(message), status: .failure)
    }

    /// Findings at or above `--fail-on` (exit code 1); the report already said which.
    static let findings = CLIFailure(message: "", status: .findings)

    /// Some model could not be read (exit code 2); the report and stderr already said which.
    static let unreadable = CLIFailure(message: "", status: .failure)
}
