import LintCore
import ONNXModel

/// `liplint check --format gitlab`: a GitLab Code Quality report (the Code Climate subset GitLab reads from
/// `artifacts: reports: codequality:`), so findings appear in the merge request's Code Quality widget.
///
/// A JSON array with one issue per finding — `description`, `check_name` (`LIP009 batchnorm-scale`),
/// `fingerprint`, `severity`, `location {path, lines {begin: 1}}` — and one `blocker` issue per model that
/// could not be read. Severities: error → `critical`, warning → `major`, note → `minor`. Fingerprints are the
/// finding's stable fingerprint, with `-2`, `-3`, … appended where one repeats (GitLab needs them unique), so
/// a finding keeps its fingerprint across runs as its numbers drift. A pure function of the result.
public enum GitLabCodeQualityReporter {
    /// The report as text. Paths are relative to `currentDirectory` (`$CI_PROJECT_DIR` in a pipeline).
    public static func render(_ result: LintResult, currentDirectory: String) -> String {
        JSONWriter().write(document(result, currentDirectory: currentDirectory))
    }

    public static func document(_ result: LintResult, currentDirectory: String) -> JSONValue {
        var issues: [JSONValue] = []
        var seen: [String: Int] = [:]
        func unique(_ fingerprint: String) -> String {
            seen[fingerprint, default: 0] += 1
            let n = seen[fingerprint]!
            return n == 1 ? fingerprint : "\(fingerprint)-\(n)"
        }
        for report in result.reports {
            let path = SarifArtifactPath.relative(report.path, root: currentDirectory, currentDirectory: currentDirectory)
            for f in report.findings {
                issues.append(issue(
                    description: DisplayText.escaped(FindingText.located(f)), check: "\(f.rule.code) \(f.rule.name)",
                    fingerprint: unique(f.fingerprint), severity: severity(f.severity), path: path))
            }
            if let error = report.error {
                let fingerprint = Fingerprint(rule: "unreadable-model", path: path, node: "").hash
                issues.append(issue(
                    description: DisplayText.escaped(error), check: "liplint unreadable-model", fingerprint: unique(fingerprint),
                    severity: "blocker", path: path))
            }
        }
        return .array(issues)
    }

    /// GitLab's severity for a finding's.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "critical"
        case .warning: return "major"
        case .note: return "minor"
        }
    }

    static func issue(description: String, check: String, fingerprint: String, severity: String, path: String) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("check_name", .string(check)),
            ("fingerprint", .string(fingerprint)),
            ("severity", .string(severity)),
            ("location", .object([("path", .string(path)), ("lines", .object([("begin", .int(1))]))])),
        ])
    }
}
