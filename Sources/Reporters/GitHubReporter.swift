import Foundation
import LintCore
import ONNXModel

/// `liplint check --format github`: one GitHub Actions workflow command per finding, which the runner turns
/// into an annotation on the model file:
///
/// `::warning file=models/net.onnx,line=1,title=LIP001 layer-spectral-norm::node 'Conv.12' (Conv): certified …`
///
/// GitHub shows at most `annotationsPerLevel` annotations of each level per step and drops the rest silently;
/// when findings exceed that, a final `::notice::` says how many are hidden. (When the notes themselves reach
/// the cap, that notice is hidden from the annotation list too, but still printed in the log.)
/// Unreadable models become `::error` commands as well. A pure function of the result.
public enum GitHubReporter {
    /// Annotations GitHub shows per step for each of error, warning and notice.
    public static let annotationsPerLevel = 10

    /// The commands, each ending with a newline. Paths are made relative to `currentDirectory` (the
    /// repository root in a workflow).
    public static func render(_ result: LintResult, currentDirectory: String) -> String {
        var out = ""
        var counts: [String: Int] = [:]
        for report in result.reports {
            let file = SarifArtifactPath.relative(report.path, root: currentDirectory, currentDirectory: currentDirectory)
            for f in report.findings {
                let command = self.command(f.severity)
                counts[command, default: 0] += 1
                out += "::\(command) file=\(property(file)),line=1,title=\(property("\(f.rule.code) \(f.rule.name)"))"
                    + "::\(data(FindingText.located(f)))\n"
            }
            if let error = report.error {
                counts["error", default: 0] += 1
                out += "::error file=\(property(file)),line=1,title=\(property("liplint: unreadable model"))::\(data(error))\n"
            }
        }
        let hidden = counts.values.reduce(0) { $0 + max(0, $1 - annotationsPerLevel) }
        if hidden > 0 {
            let shown = counts.values.reduce(0) { $0 + min($1, annotationsPerLevel) }
            out += "::notice::" + data(
                "liplint: \(hidden) of \(shown + hidden) annotations are hidden by GitHub's limit of "
                    + "\(annotationsPerLevel) errors, \(annotationsPerLevel) warnings and \(annotationsPerLevel) "
                    + "notices per step; the log above lists every finding") + "\n"
        }
        return out
    }

    /// The workflow command for a severity: `error`, `warning` or `notice`.
    public static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// Escapes a command's data (after `::`): `%`, CR and LF as the runner expects, every other control
    /// character (ESC …) as `DisplayText` does, so that no name can drive the log viewer's terminal.
    public static func data(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out += DisplayText.escaped(String(scalar))
            }
        }
        return out
    }

    /// Escapes a property value (`file=`, `title=`): as data, plus `:` and `,`.
    public static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
