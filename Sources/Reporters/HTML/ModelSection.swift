import Analysis
import LintCore

/// One model's part of the HTML report: identity and verdict, network bound, findings, charts, layer table;
/// or, for a model that could not be read, its error.
struct ModelSection {
    let report: ModelReport
    let index: Int
    let anchors: ReportAnchors

    init(report: ModelReport, index: Int) {
        self.report = report
        self.index = index
        self.anchors = ReportAnchors(modelIndex: index, path: report.path, analysis: report.analysis)
    }

    func render() -> String {
        var out = "<section class=\"model\" id=\"\(anchors.model)\">\n<h2>\(HTMLText.escape(report.path))</h2>\n"
        guard let analysis = report.analysis else {
            out += "<p class=\"error-box\"><b>could not be read:</b> \(HTMLText.escape(report.error ?? "unknown error"))</p>\n"
            return out + "</section>\n"
        }
        out += facts(analysis)
        out += networkTable(analysis)
        out += findingsTable()
        out += layerChart(analysis)
        out += criticalPathCharts(analysis)
        out += singularValueCharts(analysis)
        out += layerTable(analysis)
        return out + "</section>\n"
    }

    /// The model's identity, inputs, options and verdict.
    func facts(_ analysis: ModelAnalysis) -> String {
        let m = analysis.model
        let failing = report.findings.filter { report.failOn.isReached(by: $0.severity) }.count
        let verdict = failing > 0
            ? "<span class=\"verdict bad\">fails</span> \(failing) finding\(failing == 1 ? "" : "s") at or above fail-on \(report.failOn.rawValue)"
            : "<span class=\"verdict good\">passes</span> (fail-on \(report.failOn.rawValue))"
        let producer = [m.producerName, m.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        let opsets = m.opsets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var out = "<dl class=\"facts\">\n"
        out += "<dt>verdict</dt><dd>\(verdict)</dd>\n"
        out += "<dt>sha256</dt><dd class=\"mono\">\(HTMLText.escape(m.sha256))</dd>\n"
        out += "<dt>model</dt><dd>IR \(m.irVersion), producer \(HTMLText.escape(producer.isEmpty ? "unknown" : producer)), opsets \(HTMLText.escape(opsets))</dd>\n"
        for input in analysis.inputs {
            let used = input.shape.map { $0.map(String.init).joined(separator: "×") } ?? "unknown"
            let type = input.elementType.map { " \($0)" } ?? ""
            out += "<dt>input</dt><dd><code>\(HTMLText.escape(input.name))</code>\(HTMLText.escape(type)): \(used)</dd>\n"
        }
        let ranges = analysis.options.inputRanges.sorted { $0.key < $1.key }
            .map { "\($0.key) ∈ [\(DecimalText.shortest($0.value.lowerBound)), \(DecimalText.shortest($0.value.upperBound))]" }
        out += "<dt>analysis</dt><dd>--bounds \(analysis.options.bounds.rawValue)"
            + (analysis.options.singularValues ? ", --singular-values" : "")
            + (analysis.options.sizeSpecific ? ", --size-specific" : "")
            + (ranges.isEmpty ? "" : ", input ranges " + HTMLText.escape(ranges.joined(separator: ", ")))
            + "; \(analysis.layers.count) conv and dense layers</dd>\n"
        return out + "</dl>\n"
    }

    /// The certified network bound per output, with its kind, basis and blocking ops.
    func networkTable(_ analysis: ModelAnalysis) -> String {
        var out = "<h3>Network Lipschitz bound</h3>\n"
        guard let network = analysis.network else {
            return out + "<p class=\"hint\">Not computed (<code>--bounds none</code>).</p>\n"
        }
        let basis = network.sizeSpecific
            ? "from the size-specific <code>\(HTMLText.escape(network.boundUsed))</code> layer bounds: valid at this input size only"
            : "from the <code>\(HTMLText.escape(network.boundUsed))</code> layer bounds: valid for every input size"
        out += "<p>ℓ2, per sample, with respect to \(network.wrt.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ")); \(basis).</p>\n"
        out += "<table class=\"network\">\n<thead><tr><th>output</th><th class=\"num\">bound</th><th>kind</th><th class=\"num\">critical path</th><th>blocked by</th></tr></thead>\n<tbody>\n"
        for output in network.outputs {
            let bound = output.upper.map { "≤ " + HTMLText.number($0, .up) } ?? "unknown"
            let kind = output.kind == "upper" ? "upper (certified)" : HTMLText.escape(output.kind)
            let path = output.criticalPath.isEmpty ? "–"
                : "<a href=\"#\(anchors.outputByName[output.name] ?? "")\">\(output.criticalPath.count) ops</a>"
            let blocking = output.blockingOps.map { b in
                "<code>\(HTMLText.escape(b.node))</code> (\(HTMLText.escape(b.op))): \(HTMLText.escape(b.reason))"
            }.joined(separator: "<br>")
            out += "<tr><td><code>\(HTMLText.escape(output.name))</code></td><td class=\"num\">\(bound)</td><td>\(kind)</td>"
                + "<td class=\"num\">\(path)</td><td>\(blocking.isEmpty ? "–" : blocking)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let naive = network.naiveProduct {
            out += "<p>Naive product of the layer bounds: \(HTMLText.number(naive, .nearest)) — <b>not a bound</b> (what many tools print).</p>\n"
        }
        return out
    }
}
