import Analysis

/// The singular-value distribution of one layer: the `approximation`'s and the `circulant` spectrum's
/// sorted singular values as curves (each downsampled to at most `pointsPerCurve` quantiles), the exact
/// extremes as markers, and the certified `asymptotic` bound as a reference line. The lists exist only
/// when the analysis kept them (`--singular-values`; the approximation also needs `--bounds all`).
enum SingularValueChart {
    /// The most points one curve is drawn with.
    static let pointsPerCurve = 200

    /// The chart of `layer` with notes on what is not drawn; `nil` when the layer has no list.
    static func plot(_ layer: LayerAnalysis, title: String) -> (svg: SVGPlot, notes: [String])? {
        var series: [SVGPlot.Series] = []
        var notes: [String] = []
        // The two curves often coincide (the approximation refines the circulant spectrum): the approximation
        // is drawn first as a wide solid line, the circulant spectrum on top of it thin and dashed.
        let f = layer.figures
        let curves: [(key: String, values: [Double]?, reason: String?, legend: String, color: String, style: SVGPlot.LineStyle)] = [
            ("approximation", f.approximation.value?.singularValues, f.approximation.reason,
             "approximation: estimated singular values of the zero-padded layer at this input size", "#1f5fbf",
             SVGPlot.LineStyle(width: 3.5)),
            ("circulant", f.circulant.value?.singularValues, f.circulant.reason,
             "circulant spectrum: estimate (wrap-around padding), can be below the true values", "#d97706",
             SVGPlot.LineStyle(width: 1.6, dash: "5 3")),
        ]
        for curve in curves {
            guard let values = curve.values else {
                if let reason = curve.reason { notes.append("\(curve.key): not computed (\(reason))") }
                continue
            }
            let sample = QuantileSample(values.filter { $0 > 0 }, count: pointsPerCurve)
            let zeros = values.count - sample.total
            if zeros > 0 { notes.append("\(curve.key): \(zeros) of \(values.count) singular values are 0 (not drawn on the log scale)") }
            guard !sample.points.isEmpty else { continue }
            let points = sample.points.map { p in
                SVGPlot.Point(x: p.fraction, y: p.value, tooltip: "\(curve.key) quantile \(HTMLText.number(p.fraction, .nearest)): \(HTMLText.number(p.value, .nearest))")
            }
            series.append(SVGPlot.Series(
                key: curve.key, legend: "\(curve.legend) (\(values.count) values, \(points.count) quantiles drawn)",
                color: curve.color, marker: .none, line: true, lineStyle: curve.style, points: points))
        }
        guard !series.isEmpty else { return nil }
        var extremes: [SVGPlot.Point] = []
        var extremesLegend = ""
        if let range = layer.weightStatistics?.denseSingularValueRange {
            for (x, v, name) in [(0.0, range.upperBound, "σmax"), (1.0, range.lowerBound, "σmin")] where LogScale.isDrawable(v) {
                extremes.append(SVGPlot.Point(x: x, y: v, tooltip: "exact \(name) (SVD): \(HTMLText.number(v, .nearest))"))
            }
            extremesLegend = "exact σmax and σmin (SVD), at the ends"
        } else if let exact = f.exact.value, case let v = exact.value, LogScale.isDrawable(v) {
            extremes.append(SVGPlot.Point(x: 0, y: v, tooltip: "exact σmax (\(exact.kind.rawValue)): \(HTMLText.number(v, .nearest))"))
            extremesLegend = "exact σmax at this input size (Lanczos\(exact.kind == .exact ? "" : ", not converged: estimate")), at the left end"
        }
        if !extremes.isEmpty {
            series.append(SVGPlot.Series(key: "exact", legend: extremesLegend, color: "#111111", marker: .circle,
                                         points: extremes))
        }
        var references: [SVGPlot.Reference] = []
        if let upper = f.asymptotic.value?.upper {
            references.append(SVGPlot.Reference(
                key: "asymptotic", value: upper,
                legend: "asymptotic upper (σ∞) \(HTMLText.number(upper, .up)): certified bound on every singular value, every input size",
                color: "#c0392b"))
        }
        let ticks = (0...10).map { k in (Double(k) / 10, HTMLText.number(Double(k) / 10, .nearest)) }
        let axis = SVGPlot.XAxis(
            label: "position in the sorted list (fraction of all singular values; 0 = largest, 1 = smallest)",
            low: 0, high: 1, ticks: ticks)
        let svg = SVGPlot(
            title: title, yLabel: "singular value (dimensionless, log scale)", xAxis: axis, series: series,
            references: references, plotHeight: 240)
        return (svg, notes)
    }
}
