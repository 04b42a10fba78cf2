import Foundation

/// Whether to colour standard output: only on a terminal, and never when `NO_COLOR` is set (no-color.org).
enum Terminal {
    static var stdoutWantsColor: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return stdoutIsTerminal
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
