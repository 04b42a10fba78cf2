import Foundation

/// Whether to colour standard output: only on a terminal, and never when `NO_COLOR` is set (no-color.org).
enum Terminal {
    static var stdoutWantsColor: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return stdoutIsTerminal
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}

extension CLIFailure {
    /// An exit code with nothing more to say (the report already said it).
    static func silent(exitCode: Int32) -> CLIFailure { CLIFailure(message: "", exitCode: exitCode) }
}
