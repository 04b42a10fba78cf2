import Analysis
import LintCore

/// `liplint check --format json`: every model's analysis (as `inspect --format json` writes it) with its
/// findings, and a summary. Field names are a contract: later versions add fields, never rename them.
public enum CheckJSONReporter {
    public static let schemaVersion = 1

    /// `includeTime: false` leaves the run time out (for byte-for-byte comparisons).
    public static func render(_ result: LintResult, toolVersion: String, includeTime: Bool = true) -> String {
        JSONWriter().write(document(result, toolVersion: toolVersion, includeTime: includeTime))
    }

    public static func document(_ result: LintResult, toolVersion: String, includeTime: Bool = true) -> JSONValue {
        var summary: [(String, JSONValue)] = [
            ("models", .int(result.reports.count)),
            ("layers", .int(result.layerCount)),
            ("errors", .int(result.count(.error))),
            ("warnings", .int(result.count(.warning))),
            ("notes", .int(result.count(.note))),
            ("unreadable", .int(result.unreadableCount)),
            ("baselined", .int(result.baselinedCount)),
            ("baselineDisappeared", JSONValue.optional(result.baselineDisappeared) { .int($0) }),
            ("failed", .bool(result.failed)),
        ]
        if includeTime { summary.append(("seconds", .number(result.seconds))) }
        return .object([
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string("liplint")), ("version", .string(toolVersion))])),
            ("models", .array(result.reports.map { model($0, toolVersion: toolVersion) })),
            ("summary", .object(summary)),
        ])
    }

    static func model(_ report: ModelReport, toolVersion: String) -> JSONValue {
        .object([
            ("path", .string(report.path)),
            ("error", JSONValue.optional(report.error) { .string($0) }),
            ("failOn", .string(report.failOn.rawValue)),
            ("findings", .array(report.findings.map(finding))),
            ("baselined", .int(report.baselined)),
            ("analysis", JSONValue.optional(report.analysis) { InspectJSONReporter.document($0, toolVersion: toolVersion) }),
        ])
    }

    static func finding(_ f: Finding) -> JSONValue {
        .object([
            ("rule", .string(f.rule.code)),
            ("name", .string(f.rule.name)),
            ("severity", .string(f.severity.rawValue)),
            ("subject", .string(f.location.subject.rawValue)),
            ("node", JSONValue.optional(f.location.name) { .string($0) }),
            ("nodeIndex", JSONValue.optional(f.location.nodeIndex) { .int($0) }),
            ("op", JSONValue.optional(f.location.op) { .string($0) }),
            ("message", .string(f.message)),
            ("value", JSONValue.optional(f.value) { .number($0) }),
            ("threshold", JSONValue.optional(f.threshold) { .number($0) }),
            ("fingerprint", .string(f.fingerprint)),
        ])
    }
}
