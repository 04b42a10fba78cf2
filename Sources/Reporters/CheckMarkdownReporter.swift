import Analysis
import Foundation
import LintCore
import ONNXModel

/// `liplint check --format markdown`: a summary for a pull-request comment — the verdict, the network bound
/// per model output, the worst layers by certified bound, and the findings grouped by rule in collapsible
/// sections. A pure function of the result; numbers with 6 significant digits.
public enum CheckMarkdownReporter {
    /// How many layers the "worst layers" table lists.
    public static let worstLayerCount = 10

    public static func render(_ result: LintResult) -> String {
        var out: [String] = []
        let verdict = result.unreadableCount > 0 ? "❌ models could not be read" : result.failed ? "❌ failed" : "✅ passed"
        out.append("## liplint: \(verdict)")
        out.append("")
        out.append(CheckTextReporter.counts(result))
        for report in result.reports where report.error != nil {
            out.append("")
            out.append("- `\(code(report.path))`: \(cell(report.error ?? ""))")
        }
        out += networkSection(result)
        out += worstLayersSection(result)
        out += findingsSection(result)
        return out.joined(separator: "\n") + "\n"
    }

    /// One row per model output: the certified network bound and whether a budget finding fired.
    static func networkSection(_ result: LintResult) -> [String] {
        var rows: [String] = []
        for report in result.reports {
            guard let network = report.analysis?.network else { continue }
            for output in network.outputs {
                let bound = output.upper.map { "≤ " + DecimalText.upper($0) } ?? "unknown"
                let over = report.findings.contains {
                    $0.rule.name == "network-lipschitz-budget" && $0.location.name == output.name
                }
                let blocked = output.blockingOps.isEmpty ? "" : "\(output.blockingOps.count) blocking ops"
                rows.append("| `\(code(report.path))` | `\(code(output.name))` | \(bound) | \(over ? "❌ over budget" : blocked.isEmpty ? "✅" : blocked) |")
            }
        }
        guard !rows.isEmpty else { return [] }
        return ["", "### Network Lipschitz bound", "",
                "| model | output | certified bound | verdict |", "|---|---|---|---|"] + rows
    }

    /// The layers with the largest certified size-independent bound (`asymptotic.upper`), across models.
    static func worstLayersSection(_ result: LintResult) -> [String] {
        var entries: [(path: String, layer: LayerAnalysis, bound: Double)] = []
        for report in result.reports {
            for layer in report.analysis?.layers ?? [] {
                if let bound = layer.figures.asymptotic.value?.upper { entries.append((report.path, layer, bound)) }
            }
        }
        guard !entries.isEmpty else { return [] }
        // Largest first; ties by path then node position so that the table is deterministic.
        entries.sort {
            if $0.bound != $1.bound { return $0.bound > $1.bound }
            if $0.path != $1.path { return $0.path < $1.path }
            return $0.layer.nodeIndex < $1.layer.nodeIndex
        }
        var out = ["", "### Worst layers (certified bound for every input size)", "",
                   "| model | node | op | asymptotic upper | exact at input size |", "|---|---|---|---|---|"]
        for e in entries.prefix(worstLayerCount) {
            let exact = e.layer.figures.reported("exact")?.text(of: "value") ?? "–"
            out.append("| `\(code(e.path))` | `\(code(e.layer.name))` | \(e.layer.op) | \(DecimalText.upper(e.bound)) | \(exact) |")
        }
        return out
    }

    /// Findings grouped by rule (in rule order), each group collapsible.
    static func findingsSection(_ result: LintResult) -> [String] {
        var byRule: [RuleID: [(path: String, finding: Finding)]] = [:]
        for report in result.reports {
            for finding in report.findings { byRule[finding.rule, default: []].append((report.path, finding)) }
        }
        guard !byRule.isEmpty else { return ["", "No findings."] }
        var out = ["", "### Findings"]
        for rule in byRule.keys.sorted(by: { $0.code < $1.code }) {
            let items = byRule[rule] ?? []
            let counts = Severity.allCases.compactMap { severity -> String? in
                let n = items.filter { $0.finding.severity == severity }.count
                return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
            }
            out.append("")
            out.append("<details><summary><b>\(rule.code) \(rule.name)</b>: \(counts.joined(separator: ", "))</summary>")
            out.append("")
            for item in items {
                let place = item.finding.location.name.map { " `\(code($0))`" } ?? ""
                out.append("- **\(item.finding.severity.rawValue)** `\(code(item.path))`\(place): \(cell(item.finding.message))")
            }
            out.append("")
            out.append("</details>")
        }
        return out
    }

    /// Text safe inside a Markdown code span (backticks would end it).
    static func code(_ s: String) -> String { DisplayText.escaped(s.replacingOccurrences(of: "`", with: "'")) }

    /// Text safe inside a table cell or list item: no pipes or line breaks, no raw HTML.
    static func cell(_ s: String) -> String {
        DisplayText.escaped(
            s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "<", with: "&lt;"))
    }
}
