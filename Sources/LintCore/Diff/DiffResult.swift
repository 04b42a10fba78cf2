/// The outcome of `liplint diff`: the comparison, the findings of the diff rules, and the verdict.
public struct DiffResult: Sendable {
    /// The paths as given.
    public var oldPath: String
    public var newPath: String
    public var diff: ModelDiff
    /// Findings about NEW in NEW's graph order (outputs last).
    public var findings: [Finding]
    /// The `fail-on` level of the configuration that applied (NEW's, after the command line).
    public var failOn: FailLevel
    /// Wall-clock seconds of the whole run (not printed by the reporters, which are deterministic).
    public var seconds: Double

    public init(oldPath: String, newPath: String, diff: ModelDiff, findings: [Finding], failOn: FailLevel, seconds: Double) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.diff = diff
        self.findings = findings
        self.failOn = failOn
        self.seconds = seconds
    }

    /// Findings with `severity`.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether some finding reaches `failOn` (exit code 1).
    public var failed: Bool { findings.contains { failOn.isReached(by: $0.severity) } }
}
