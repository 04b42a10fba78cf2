import LintCore
import ONNXModel

/// `liplint check` (text): one compiler-style line per finding, then a summary line.
///
/// `path/model.onnx: node 'Conv.12' (Conv): warning: certified spectral norm 142.3 exceeds 100 [LIP001 layer-spectral-norm]`
///
/// A pure function of the result; colour (ANSI, severity words only) is the caller's decision.
public enum CheckTextReporter {
    /// The finding lines, each ending with a newline, in report order.
    public static func findings(_ result: LintResult, color: Bool) -> String {
        var out = ""
        for report in result.reports {
            for finding in report.findings { out += line(finding, path: report.path, color: color) + "\n" }
        }
        return out
    }

    /// One finding.
    public static func line(_ finding: Finding, path: String, color: Bool) -> String {
        var where_ = path + ":"
        switch finding.location.subject {
        case .node:
            where_ += " node '\(finding.location.name ?? "")'" + (finding.location.op.map { " (\($0))" } ?? "") + ":"
        case .output:
            where_ += " output '\(finding.location.name ?? "")':"
        case .model:
            break
        }
        let severity = color ? paint(finding.severity) : finding.severity.rawValue
        let tag = "[\(finding.rule.code) \(finding.rule.name)]"
        // Names and paths come from files: escaped so that they cannot break the line or drive the terminal.
        return "\(DisplayText.escaped(where_)) \(severity): \(DisplayText.escaped(finding.message)) "
            + (color ? "\u{1B}[2m\(tag)\u{1B}[0m" : tag)
    }

    /// `3 models, 42 layers: 1 error, 2 warnings, 0 notes in 0.42 s`, with unreadable models and baseline
    /// counts in parentheses when there are any. `includeTime: false` leaves out ` in 0.42 s`, so that the
    /// same models give the same bytes.
    public static func summary(_ result: LintResult, includeTime: Bool = true) -> String {
        guard includeTime else { return counts(result) }
        return counts(result) + " in " + DecimalText.nearest((result.seconds * 100).rounded() / 100) + " s"
    }

    /// The summary without the time: `3 models, 42 layers: 1 error, 2 warnings, 0 notes` (+ parentheses).
    public static func counts(_ result: LintResult) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var text = "\(plural(result.reports.count, "model")), \(plural(result.layerCount, "layer")): "
            + "\(plural(result.count(.error), "error")), \(plural(result.count(.warning), "warning")), "
            + plural(result.count(.note), "note")
        var extras: [String] = []
        if result.unreadableCount > 0 { extras.append("\(result.unreadableCount) unreadable") }
        if let gone = result.baselineDisappeared {
            extras.append("\(plural(result.baselinedCount, "baselined finding")) hidden, \(gone) no longer found")
        }
        if !extras.isEmpty { text += " (" + extras.joined(separator: "; ") + ")" }
        return text
    }

    static func paint(_ severity: Severity) -> String {
        let code: String
        switch severity {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        }
        return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
    }
}
