import Analysis
import LintCore

extension ModelSection {
    /// Severity, rule, node (linked to its layer row or output chart) and message of every finding.
    func findingsTable() -> String {
        var out = "<h3>Findings</h3>\n"
        guard !report.findings.isEmpty else {
            return out + "<p>No findings\(report.baselined > 0 ? " (\(report.baselined) hidden by the baseline)" : "").</p>\n"
        }
        out += "<table class=\"findings\">\n<thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr></thead>\n<tbody>\n"
        for finding in report.findings {
            let severity = finding.severity.rawValue
            var place: String
            switch finding.location.subject {
            case .node: place = "node <code>\(HTMLText.escape(finding.location.name ?? ""))</code>"
                + (finding.location.op.map { " (\(HTMLText.escape($0)))" } ?? "")
            case .output: place = "output <code>\(HTMLText.escape(finding.location.name ?? ""))</code>"
            case .model: place = "model"
            }
            if let anchor = anchors.anchor(for: finding.location) { place = "<a href=\"#\(anchor)\">\(place)</a>" }
            out += "<tr><td><span class=\"sev sev-\(severity)\">\(severity)</span></td>"
                + "<td><code>\(HTMLText.escape(finding.rule.code))</code> \(HTMLText.escape(finding.rule.name))</td>"
                + "<td class=\"node\">\(place)</td><td>\(HTMLText.escape(finding.message))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if report.baselined > 0 { out += "<p>\(report.baselined) more hidden by the baseline.</p>\n" }
        return out
    }

    /// One row per layer with an anchor: geometry and the main figures; unsupported nodes and the reasons of
    /// figures that could not be computed follow.
    func layerTable(_ analysis: ModelAnalysis) -> String {
        var out = "<h3>Layers</h3>\n"
        guard !analysis.layers.isEmpty else { return out + "<p>No conv or dense layers.</p>\n" }
        let figureColumns = LayerBoundsChart.series
        out += "<table class=\"layers\">\n<thead><tr><th class=\"num\">#</th><th>node</th><th>op</th><th>kernel</th>"
            + "<th>stride</th><th>dil.</th><th>pads t,l,b,r</th><th class=\"num\">group</th><th>in H×W</th><th>out H×W</th>"
        for spec in figureColumns { out += "<th class=\"num\">\(spec.key)\(spec.field == "value" ? "" : " " + spec.field)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        let flagged = Set(report.findings.compactMap { $0.location.subject == .node ? anchors.anchor(for: $0.location) : nil })
        for (k, layer) in analysis.layers.enumerated() {
            let anchor = anchors.layers[k]
            out += "<tr id=\"\(anchor)\"\(flagged.contains(anchor) ? " class=\"flagged\"" : "")><td class=\"num\">\(k)</td>"
                + "<td class=\"node\"><code>\(HTMLText.escape(ReportAnchors.display(layer)))</code></td><td>\(HTMLText.escape(layer.op))</td>"
            switch layer.layer {
            case .conv(let c):
                let cells = [dims(c.kernel), dims(c.stride), dims(c.dilation), c.pads.map(String.init).joined(separator: ",")]
                out += cells.map { "<td>\($0)</td>" }.joined()
                out += "<td class=\"num\">\(c.group)</td><td>\(c.inputSize.map(dims) ?? "?")</td><td>\(c.outputSize.map(dims) ?? "?")</td>"
            case .dense(let d):
                out += "<td colspan=\"4\">weight \(dims(d.weightShape))</td><td class=\"num\">–</td><td>–</td><td>–</td>"
            }
            for spec in figureColumns { out += figureCell(layer.figures.reported(spec.key), spec.field) }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<p class=\"legend-text\">Figures: <code>asymptotic upper</code> and <code>embedding upper</code> are certified "
            + "upper bounds (every input size / this input size), <code>exact</code> is the norm at this input size, "
            + "<code>circulant max</code> an estimate, <code>reshaped</code> not a bound. “–”: not requested by "
            + "<code>--bounds</code>; “n/a”: could not be computed (the reason is listed below).</p>\n"
        let reasons = analysis.layers.enumerated().flatMap { k, layer in
            layer.figures.reported.compactMap { entry in
                entry.reason.map { (k, layer, entry.key, $0) }
            }
        }
        if !reasons.isEmpty {
            out += "<h4>Figures not computed</h4>\n<ul>\n"
            for (k, layer, key, reason) in reasons {
                out += "<li><a href=\"#\(anchors.layers[k])\"><code>\(HTMLText.escape(ReportAnchors.display(layer)))</code></a> "
                    + "\(key): \(HTMLText.escape(reason))</li>\n"
            }
            out += "</ul>\n"
        }
        if !analysis.unsupported.isEmpty {
            out += "<h4>Not analysed</h4>\n<ul>\n"
            for u in analysis.unsupported {
                let name = u.graph == "main" ? u.name : "\(u.graph)/\(u.name)"
                out += "<li><code>\(HTMLText.escape(name))</code> (\(HTMLText.escape(u.op))): \(HTMLText.escape(u.reason))</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    func dims(_ values: [Int]) -> String { values.map(String.init).joined(separator: "×") }

    /// A figure's number: “–” when not requested, “n/a” (with the reason as its tooltip) when unavailable.
    func figureCell(_ figure: ReportedFigure?, _ field: String) -> String {
        guard let figure else { return "<td class=\"num\">–</td>" }
        if let reason = figure.reason { return "<td class=\"num\" title=\"\(HTMLText.escape(reason))\">n/a</td>" }
        guard let text = figure.text(of: field) else { return "<td class=\"num\">–</td>" }
        let estimate = figure.kind == .estimate && field == "value" ? " title=\"kind: estimate (not exact)\"" : ""
        return "<td class=\"num\"\(estimate)>\(text)</td>"
    }
}
