import LintCore

/// An error the command reports as one line on stderr, with the exit code it maps to.
struct CLIFailure: Error {
    var message: String
    var exitCode: Int32

    /// Usage, configuration or unreadable-model errors (exit code 2).
    /// The message is escaped (`DisplayText`): it may quote names and paths from files.
    static func usage(_ message: String) -> CLIFailure {
        CLIFailure(message: "liplint: " + DisplayText.escaped(message), exitCode: 2)
    }
}
