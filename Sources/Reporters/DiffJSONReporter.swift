import Analysis
import LintCore

/// `liplint diff --format json`: the layers of OLD and NEW with their certified bounds before and after, the
/// network bound per output, the findings and a summary (docs/report-schema.md, "The diff report"). A pure
/// function of the result: no timings, numbers with 6 significant digits, rows in report order. Field names
/// are a contract: later versions add fields, never rename them.
public enum DiffJSONReporter {
    public static let schemaVersion = 1

    public static func render(_ result: DiffResult, toolVersion: String) -> String {
        JSONWriter().write(document(result, toolVersion: toolVersion))
    }

    public static func document(_ result: DiffResult, toolVersion: String) -> JSONValue {
        let diff = result.diff
        var summary: [(String, JSONValue)] = [("layers", .int(diff.layers.count))]
        for status in LayerDiff.Status.allCases { summary.append((status.rawValue, .int(diff.count(status)))) }
        summary += [
            ("errors", .int(result.count(.error))),
            ("warnings", .int(result.count(.warning))),
            ("notes", .int(result.count(.note))),
            ("failOn", .string(result.failOn.rawValue)),
            ("failed", .bool(result.failed)),
        ]
        return .object([
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string("liplint")), ("version", .string(toolVersion))])),
            ("old", model(result.oldPath, diff.old)),
            ("new", model(result.newPath, diff.new)),
            ("options", .object([
                ("bounds", .string(diff.new.options.bounds.rawValue)),
                ("layerBound", .string(diff.figure.rawValue)),
                ("sizeSpecific", .bool(diff.new.options.sizeSpecific)),
                ("relativeTolerance", .number(BoundChange.relativeTolerance)),
            ])),
            ("layers", .array(diff.layers.map(layer))),
            ("network", JSONValue.optional(diff.network, network)),
            ("findings", .array(result.findings.map(CheckJSONReporter.finding))),
            ("summary", .object(summary)),
        ])
    }

    static func model(_ path: String, _ analysis: ModelAnalysis) -> JSONValue {
        .object([("path", .string(path)), ("sha256", .string(analysis.model.sha256))])
    }

    static func layer(_ row: LayerDiff) -> JSONValue {
        let change = row.change
        let reason = row.status == .unknown ? (row.after?.unknownReason ?? row.before?.unknownReason) : nil
        return .object([
            ("node", .string(row.node)),
            ("previousNode", JSONValue.optional(row.previousNode) { .string($0) }),
            ("op", .string(row.op)),
            ("status", .string(row.status.rawValue)),
            ("matchedBy", JSONValue.optional(row.matchedBy) { .string($0.rawValue) }),
            ("before", .number(change.before)),
            ("after", .number(change.after)),
            ("ratio", .number(change.ratio)),
            ("unknownReason", JSONValue.optional(reason) { .string($0) }),
        ])
    }

    static func network(_ n: NetworkDiff) -> JSONValue {
        .object([
            ("boundUsed", .string(n.boundUsed)),
            ("before", .number(n.change.before)),
            ("after", .number(n.change.after)),
            ("ratio", .number(n.change.ratio)),
            ("outputs", .array(n.outputs.map { o in
                .object([
                    ("name", .string(o.name)),
                    ("status", .string(o.status.rawValue)),
                    ("before", .number(o.change.before)),
                    ("after", .number(o.change.after)),
                    ("ratio", .number(o.change.ratio)),
                ])
            })),
        ])
    }
}
