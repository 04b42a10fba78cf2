/// liplint's exit codes, the only place they are defined (README, "Exit codes").
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The command did what was asked and no finding reached `--fail-on`.
    case success = 0
    /// `check`, `diff`: a finding at or above `--fail-on`. Nothing else exits 1.
    case findings = 1
    /// Everything that went wrong: usage, configuration, an unreadable model, an unwritable report, and any
    /// unexpected internal error.
    case failure = 2
}
