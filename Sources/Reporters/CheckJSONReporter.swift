import Analysis
import Foundation
import LintCore

/// `liplint check --format json` (docs/report-schema.md, "The check report"; schema `docs/check-report.schema.json`).
///
/// One document for the whole run: `{schemaVersion, tool, models[], summary}`. Each `models[]` entry is the
/// `inspect` document of that model flattened into it (`path`, `sha256`, … `layers`, `network`) plus its
/// `findings`; a model that could not be read has only `path`, `error`, `failOn` and an empty `findings`.
/// A pure function of the result: the same result gives the same bytes. Run times appear only when the
/// caller asks for them (`--timestamps`). Field names are a contract: later versions add fields, never
/// rename them.
public enum CheckJSONReporter {
    /// 2: `models[]` carries the inspect fields directly (1 nested them under `analysis`) and
    /// `summary.findings` counts per severity.
    public static let schemaVersion = 2

    /// `timestamps: true` adds `summary.startedAt` (ISO 8601, UTC) and `summary.seconds`.
    public static func render(_ result: LintResult, toolVersion: String, timestamps: Bool = false) -> String {
        JSONWriter().write(document(result, toolVersion: toolVersion, timestamps: timestamps))
    }

    public static func document(_ result: LintResult, toolVersion: String, timestamps: Bool = false) -> JSONValue {
        .object([
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string("liplint")), ("version", .string(toolVersion))])),
            ("models", .array(result.reports.map(model))),
            ("summary", summary(result, timestamps: timestamps)),
        ])
    }

    static func summary(_ result: LintResult, timestamps: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("models", .int(result.reports.count)),
            ("layers", .int(result.layerCount)),
            ("findings", .object([Severity.error, .warning, .note].map { ($0.rawValue, .int(result.count($0))) })),
            ("baselined", .int(result.baselinedCount)),
            ("baselineDisappeared", JSONValue.optional(result.baselineDisappeared) { .int($0) }),
            ("unreadable", .int(result.unreadableCount)),
            ("failed", .bool(result.failed)),
        ]
        if timestamps {
            members.append(("startedAt", .string(RunTimestamp.iso8601(result.started))))
            members.append(("seconds", .number(result.seconds)))
        }
        return .object(members)
    }

    static func model(_ report: ModelReport) -> JSONValue {
        var members: [(String, JSONValue)] = [("path", .string(report.path))]
        if let analysis = report.analysis {
            // The inspect document without its envelope (schemaVersion, tool) and with `model` flattened.
            for (key, value) in InspectJSONReporter.members(analysis) {
                if key == "model", case .object(let modelMembers) = value {
                    members += modelMembers.filter { $0.0 != "path" }
                } else {
                    members.append((key, value))
                }
            }
        }
        members += [
            ("error", JSONValue.optional(report.error) { .string($0) }),
            ("failOn", .string(report.failOn.rawValue)),
            ("findings", .array(report.findings.map(finding))),
            ("baselined", .int(report.baselined)),
        ]
        return .object(members)
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
