import LintCore
import ONNXModel

/// `liplint diff` (text): a table of the layers with their certified bounds before and after, the network
/// bound per output, one compiler-style line per finding (as `check` prints them), and a summary line.
/// A pure function of the result (no timings); numbers with 6 significant digits; colour is the caller's
/// decision and touches the severity words only.
public enum DiffTextReporter {
    public static func render(_ result: DiffResult, color: Bool) -> String {
        let diff = result.diff
        var out = DisplayText.escaped("\(result.oldPath) -> \(result.newPath)") + "\n"
        out += "layer bound: \(figureText(diff.figure))\n\n"
        var layers = TextTable(headers: ["node", "op", "before", "after", "ratio", "status"], rightAligned: [2, 3, 4])
        for row in diff.layers {
            let node = row.node + (row.previousNode.map { " (was \($0))" } ?? "")
            let status = row.status.rawValue + (row.matchedBy == .position ? " (matched by position)" : "")
            layers.append([node, row.op] + boundCells(row.change, inOld: row.before != nil, inNew: row.after != nil)
                + [status])
        }
        out += (diff.layers.isEmpty ? "no conv or dense layers" : layers.render()) + "\n"
        if let network = diff.network {
            out += "\nnetwork Lipschitz bound (certified, from \(network.boundUsed) layer certificates):\n"
            var outputs = TextTable(headers: ["output", "before", "after", "ratio", "status"], rightAligned: [1, 2, 3])
            for o in network.outputs {
                outputs.append(
                    [o.name] + boundCells(o.change, inOld: o.before != nil, inNew: o.after != nil) + [o.status.rawValue])
            }
            out += outputs.render() + "\n"
        }
        if !result.findings.isEmpty { out += "\n" }
        for finding in result.findings {
            out += CheckTextReporter.line(finding, path: result.newPath, color: color) + "\n"
        }
        return out + "\n" + summary(result) + "\n"
    }

    /// `4 layers: 1 changed, 2 unchanged, 1 added, 0 removed, 0 unknown; 1 error, 0 warnings, 0 notes`.
    public static func summary(_ result: DiffResult) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let statuses = LayerDiff.Status.allCases.map { "\(result.diff.count($0)) \($0.rawValue)" }
        return "\(plural(result.diff.layers.count, "layer")): " + statuses.joined(separator: ", ") + "; "
            + "\(plural(result.count(.error), "error")), \(plural(result.count(.warning), "warning")), "
            + plural(result.count(.note), "note")
    }

    /// What the layer bounds are.
    static func figureText(_ figure: NetworkBoundFigure) -> String {
        switch figure {
        case .asymptotic: return "asymptotic.upper (certified upper bound, every input size)"
        case .embedding: return "embedding.upper (certified upper bound at the analysed input size; dense layers: every size)"
        }
    }

    /// The before, after and ratio cells of a layer or output row (text and markdown): each bound as its number,
    /// `unknown`, or `–` for a side that does not have the layer or output; the ratio or `–`.
    static func boundCells(_ change: BoundChange, inOld: Bool, inNew: Bool) -> [String] {
        func side(_ value: Double?, present: Bool) -> String {
            guard present else { return "–" }
            return value.map(DecimalText.upper) ?? "unknown"
        }
        return [side(change.before, present: inOld), side(change.after, present: inNew), change.ratio.map(DecimalText.nearest) ?? "–"]
    }
}
