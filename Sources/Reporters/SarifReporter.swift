import Foundation
import LintCore
import ONNXModel

/// `liplint check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. One run
/// whose driver lists every rule of the catalog; one result per finding, located at line 1 of the model file
/// (GitHub rejects results without a region) and at the node as a logical location. Deterministic: no
/// timestamps unless `Options.timestamps`, rules in code order, results in report order. Validates against the OASIS schema
/// (`fixtures/sarif-schema/`, checked in the test suite).
public enum SarifReporter {
    public static let version = "2.1.0"
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key of the finding's fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "liplintFingerprint/v1"

    /// Where artifact URIs are relative to, and where rule pages are.
    public struct Options: Sendable {
        /// Absolute directory the model URIs are relative to (`--sarif-root`, else the working directory).
        public var root: String
        /// Absolute working directory, against which relative model paths and `root` are resolved.
        public var currentDirectory: String
        /// Absolute URL of the repository tree (`https://github.com/ORG/liplint/blob/v0.1.0/`, ending with `/`)
        /// that `informationUri` (`README.md`) and each rule's `helpUri` (`docs/rules/LIPnnn-name.md`) are built
        /// from. `nil` leaves both out: the schema requires absolute URIs there (GitHub's upload rejects relative
        /// ones), and each rule's `help.markdown` already carries its whole page.
        public var documentationBase: String?
        /// `--timestamps`: the invocation's `startTimeUtc` and `endTimeUtc`.
        public var timestamps: Bool

        public init(root: String, currentDirectory: String, documentationBase: String? = nil, timestamps: Bool = false) {
            self.root = root
            self.currentDirectory = currentDirectory
            self.documentationBase = documentationBase
            self.timestamps = timestamps
        }
    }

    /// The SARIF log as text.
    public static func render(_ result: LintResult, catalog: RuleCatalog, toolVersion: String, options: Options) -> String {
        JSONWriter().write(document(result, catalog: catalog, toolVersion: toolVersion, options: options))
    }

    public static func document(_ result: LintResult, catalog: RuleCatalog, toolVersion: String, options: Options)
        -> JSONValue
    {
        let rules = catalog.descriptors
        var driverMembers: [(String, JSONValue)] = [("name", .string("liplint")), ("version", .string(toolVersion))]
        if let base = options.documentationBase { driverMembers.append(("informationUri", .string(base + "README.md"))) }
        driverMembers.append(("rules", .array(rules.map { rule($0, options: options) })))
        let driver: JSONValue = .object(driverMembers)
        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        for report in result.reports {
            let uri = SarifArtifactPath.uri(
                SarifArtifactPath.relative(report.path, root: options.root, currentDirectory: options.currentDirectory))
            for f in report.findings {
                results.append(self.result(f, uri: uri, ruleIndex: rules.firstIndex { $0.id == f.rule }))
            }
            if let error = report.error {
                notifications.append(.object([
                    ("level", .string("error")),
                    ("message", .object([("text", .string(DisplayText.escaped(error)))])),
                    ("locations", .array([.object([("physicalLocation", physical(uri))])])),
                ]))
            }
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(result.unreadableCount == 0))]
        if options.timestamps {
            invocation.append(("startTimeUtc", .string(RunTimestamp.iso8601(result.started))))
            invocation.append(("endTimeUtc", .string(RunTimestamp.iso8601(result.started.addingTimeInterval(result.seconds)))))
        }
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object(invocation)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return .object([("$schema", .string(schemaURI)), ("version", .string(version)), ("runs", .array([run]))])
    }

    /// SARIF's level for a severity (the names coincide).
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    static func rule(_ d: RuleDescriptor, options: Options) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(d.id.code)),
            ("name", .string(d.id.name)),
            ("shortDescription", .object([("text", .string(d.summary))])),
            ("fullDescription", .object([("text", .string(d.rationale))])),
        ]
        if let base = options.documentationBase { members.append(("helpUri", .string(base + RuleDocs.pagePath(d.id)))) }
        members += [
            ("help", .object([("text", .string(RuleDocs.explainText(d))), ("markdown", .string(RuleDocs.markdownPage(d)))])),
            ("defaultConfiguration", .object([("level", .string(level(d.defaultSeverity)))])),
        ]
        return .object(members)
    }

    static func physical(_ uri: String) -> JSONValue {
        .object([
            ("artifactLocation", .object([("uri", .string(uri))])),
            ("region", .object([("startLine", .int(1))])),
        ])
    }

    static func result(_ f: Finding, uri: String, ruleIndex: Int?) -> JSONValue {
        var location: [(String, JSONValue)] = [("physicalLocation", physical(uri))]
        if let name = f.location.name {
            var logical: [(String, JSONValue)] = [("name", .string(name)), ("fullyQualifiedName", .string(name))]
            // A graph node is a member of the model; a graph output is a value it produces.
            logical.append(("kind", .string(f.location.subject == .output ? "variable" : "member")))
            location.append(("logicalLocations", .array([.object(logical)])))
        }
        var members: [(String, JSONValue)] = [("ruleId", .string(f.rule.code))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(level(f.severity))),
            ("message", .object([("text", .string(DisplayText.escaped(f.message)))])),
            ("locations", .array([.object(location)])),
            ("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint))])),
        ]
        return .object(members)
    }
}
