import Analysis
import LintCore
import ONNXModel

extension ModelSection {
    /// Every layer's figures in network order (`LayerBoundsChart`).
    func layerChart(_ analysis: ModelAnalysis) -> String {
        var out = "<h3>Layer bounds</h3>\n"
        let title = "Per-layer spectral norms of \(report.path) in network order, log scale"
        guard let (plot, hidden) = LayerBoundsChart.plot(analysis.layers, anchors: anchors.layers, title: title) else {
            return out + "<p class=\"hint\">No figures to plot (run with <code>--bounds fast</code> or more).</p>\n"
        }
        out += "<figure>\n\(plot.render())\n<figcaption>Each marker is one figure of one layer (hover for the node and "
            + "value; click to jump to its row). Triangles are certified upper bounds, the circle the exact norm at this "
            + "input size, the diamond an estimate, the cross is not a bound. Missing figures are not drawn."
            + (hidden > 0 ? " \(hidden) figures equal to 0 cannot be shown on the log scale." : "")
            + "</figcaption>\n</figure>\n"
        return out
    }

    /// One chart per output with a known bound (`CriticalPathChart`).
    func criticalPathCharts(_ analysis: ModelAnalysis) -> String {
        guard let network = analysis.network else { return "" }
        var out = "<h3>Cumulative bound along the critical path</h3>\n"
        for output in network.outputs {
            let anchor = anchors.outputByName[output.name] ?? ""
            let title = "Cumulative Lipschitz bound along the critical path of output \(output.name), log scale"
            out += "<h4 id=\"\(anchor)\">output <code>\(HTMLText.escape(output.name))</code></h4>\n"
            guard let (plot, hidden) = CriticalPathChart.plot(output, layerAnchors: anchors.layerByName, title: title) else {
                let why = output.upper == nil
                    ? "the bound is unknown (blocked by \(output.blockingOps.count) op\(output.blockingOps.count == 1 ? "" : "s"), listed above)"
                    : "the output does not depend on the inputs the bound is taken with respect to"
                out += "<p class=\"hint\">No critical path: \(why).</p>\n"
                continue
            }
            out += "<figure>\n\(plot.render())\n<figcaption>The chain of ops from the input to "
                + "<code>\(HTMLText.escape(output.name))</code> with the largest product of factors; its last value "
                + "equals the network bound for a chain graph and is at most the bound otherwise."
                + (hidden > 0 ? " \(hidden) values equal to 0 cannot be shown on the log scale." : "")
                + "</figcaption>\n</figure>\n"
        }
        return out
    }

    /// Singular-value distributions of the layers `SingularValueSelection` picks, or how to get them.
    func singularValueCharts(_ analysis: ModelAnalysis) -> String {
        var out = "<h3>Singular-value distributions</h3>\n"
        let options = analysis.options
        guard options.singularValues, options.bounds.includesSizeDependent else {
            return out + "<p class=\"hint\">The singular-value lists were not kept. Run <code>liplint check</code> with "
                + "<code>--bounds all --singular-values</code> for the approximation and the circulant spectrum "
                + "(<code>--bounds standard --singular-values</code>: circulant spectrum only).</p>\n"
        }
        let chosen = SingularValueSelection.indices(analysis.layers, findings: report.findings, anchors: anchors)
        out += "<p>Layers shown: the \(SingularValueSelection.largestCount) with the largest certified bound and the "
            + "layers with a finding, at most \(SingularValueSelection.cap), in network order. Each curve is the sorted list "
            + "downsampled to at most \(SingularValueChart.pointsPerCurve) quantiles."
            + (options.bounds.includesApproximation ? "" : " Add <code>--bounds all</code> for the approximation.")
            + "</p>\n"
        guard !chosen.isEmpty else { return out + "<p class=\"hint\">No layer has a certified bound or a finding.</p>\n" }
        for k in chosen {
            let layer = analysis.layers[k]
            let name = ReportAnchors.display(layer)
            out += "<h4>#\(k) <a href=\"#\(anchors.layers[k])\"><code>\(HTMLText.escape(name))</code></a> (\(HTMLText.escape(layer.op)))</h4>\n"
            let title = "Sorted singular values of layer \(name) (\(layer.op)), log scale"
            guard let (plot, notes) = SingularValueChart.plot(layer, title: title) else {
                out += "<p class=\"hint\">No singular-value list for this layer"
                    + (layer.dense != nil ? " (dense layers have only their exact extremes: see the layer table)" : "")
                    + ".</p>\n"
                continue
            }
            out += "<figure>\n\(plot.render())\n"
            if !notes.isEmpty { out += "<figcaption>\(HTMLText.escape(notes.joined(separator: "; ")))</figcaption>\n" }
            out += "</figure>\n"
        }
        return out
    }
}

extension LayerAnalysis {
    var dense: DenseLayer? { if case .dense(let d) = layer { return d } else { return nil } }
}
