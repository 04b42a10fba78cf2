import Foundation

/// The outcome of a lint run: one report per model in a deterministic order, and the summary figures.
public struct LintResult: Sendable {
    public var reports: [ModelReport]
    /// With `--baseline`: baselined findings of the linted models that no longer occur.
    public var baselineDisappeared: Int?
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
    /// When the run started (reports show it only with `--timestamps`).
    public var started: Date

    public init(reports: [ModelReport], baselineDisappeared: Int?, seconds: Double, started: Date = Date()) {
        self.reports = reports
        self.baselineDisappeared = baselineDisappeared
        self.seconds = seconds
        self.started = started
    }

    public var findings: [Finding] { reports.flatMap(\.findings) }

    /// Findings per severity.
    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    public var layerCount: Int { reports.reduce(0) { $0 + $1.layerCount } }
    public var unreadableCount: Int { reports.filter { $0.error != nil }.count }
    public var baselinedCount: Int { reports.reduce(0) { $0 + $1.baselined } }

    /// Whether some finding reaches its model's `fail-on` level.
    public var failed: Bool {
        reports.contains { report in report.findings.contains { report.failOn.isReached(by: $0.severity) } }
    }
}
