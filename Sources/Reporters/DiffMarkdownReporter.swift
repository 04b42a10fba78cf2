import Foundation
import LintCore

/// `liplint diff --format markdown`: a pull-request comment — the verdict, the network bound per output
/// before and after, every layer that did not stay unchanged, and the findings. A pure function of the
/// result; numbers with 6 significant digits; no timings.
public enum DiffMarkdownReporter {
    public static func render(_ result: DiffResult) -> String {
        let diff = result.diff
        let code = CheckMarkdownReporter.code
        // Names inside table cells: no backticks (they end the code span), pipes escaped (they end the cell).
        let name = { (s: String) in code(s).replacingOccurrences(of: "|", with: "\\|") }
        var out = ["## liplint diff: \(result.failed ? "❌ failed" : "✅ passed")", ""]
        out.append("`\(code(result.oldPath))` → `\(code(result.newPath))`: \(DiffTextReporter.summary(result))")
        out.append("")
        out.append("Bounds are certified upper bounds: \(DiffTextReporter.figureText(diff.figure)) per layer.")
        if let network = diff.network {
            out += ["", "### Network Lipschitz bound", "", "| output | before | after | ratio | status |", "|---|---|---|---|---|"]
            for o in network.outputs {
                let cells = DiffTextReporter.boundCells(o.change, inOld: o.before != nil, inNew: o.after != nil)
                out.append("| `\(name(o.name))` | " + cells.joined(separator: " | ") + " | \(o.status.rawValue) |")
            }
        }
        let shown = diff.layers.filter { $0.status != .unchanged }
        out += ["", "### Layers"]
        if shown.isEmpty {
            out += ["", "Every layer's certified bound is unchanged."]
        } else {
            out += ["", "| node | op | before | after | ratio | status |", "|---|---|---|---|---|---|"]
            for row in shown {
                let node = "`\(name(row.node))`" + (row.previousNode.map { " (was `\(name($0))`)" } ?? "")
                let cells = DiffTextReporter.boundCells(row.change, inOld: row.before != nil, inNew: row.after != nil)
                out.append("| \(node) | \(row.op) | " + cells.joined(separator: " | ") + " | \(row.status.rawValue) |")
            }
            let unchanged = diff.count(.unchanged)
            if unchanged > 0 { out += ["", "\(unchanged) unchanged layer\(unchanged == 1 ? "" : "s") not listed."] }
        }
        out += ["", "### Findings", ""]
        if result.findings.isEmpty {
            out.append("No findings.")
        } else {
            for f in result.findings {
                let place = f.location.name.map { " `\(code($0))`" } ?? ""
                out.append("- **\(f.severity.rawValue)**\(place): \(CheckMarkdownReporter.cell(f.message)) "
                    + "[\(f.rule.code) \(f.rule.name)]")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
