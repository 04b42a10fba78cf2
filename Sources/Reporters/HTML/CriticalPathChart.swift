import LipschitzKit

/// The cumulative Lipschitz bound along an output's critical path (`network.outputs[].criticalPath`): after
/// step k, the product of the factors of steps 1 ... k, on a log scale, with each step's factor and the
/// output's certified bound as a reference line. For a chain graph the last cumulative value equals the
/// bound; otherwise it is at most the bound.
enum CriticalPathChart {
    /// The chart of one output; `nil` when the path is empty (bound unknown or 0). Steps whose cumulative
    /// product or factor is not positive are not drawn (a log axis cannot show them); `hidden` counts them.
    static func plot(_ output: OutputBound, layerAnchors: [String: String], title: String)
        -> (svg: SVGPlot, hidden: Int)?
    {
        guard !output.criticalPath.isEmpty else { return nil }
        var cumulative: [SVGPlot.Point] = []
        var factors: [SVGPlot.Point] = []
        var hidden = 0
        var product = 1.0
        for (k, step) in output.criticalPath.enumerated() {
            product *= step.factor
            let x = Double(k + 1)
            let name = "step \(k + 1): \(step.node) (\(step.op))"
            if LogScale.isDrawable(product) {
                cumulative.append(SVGPlot.Point(
                    x: x, y: product,
                    tooltip: "\(name): ×\(HTMLText.number(step.factor, .up)), cumulative \(HTMLText.number(product, .nearest))",
                    anchor: layerAnchors[step.node]))
            } else {
                hidden += 1
            }
            if LogScale.isDrawable(step.factor) {
                factors.append(SVGPlot.Point(x: x, y: step.factor, tooltip: "\(name): factor \(HTMLText.number(step.factor, .up))"))
            } else {
                hidden += 1
            }
        }
        var series: [SVGPlot.Series] = []
        if !factors.isEmpty {
            series.append(SVGPlot.Series(
                key: "factor", legend: "factor of each step (certified bound of the node w.r.t. the previous value)",
                color: "#9a9a9a", marker: .square, filled: false, points: factors))
        }
        if !cumulative.isEmpty {
            series.append(SVGPlot.Series(
                key: "cumulative", legend: "cumulative product of the factors up to this step (certified bound of the path so far)",
                color: "#1f5fbf", marker: .circle, filled: true, line: true, points: cumulative))
        }
        var references: [SVGPlot.Reference] = []
        if let upper = output.upper {
            references.append(SVGPlot.Reference(
                key: "bound", value: upper,
                legend: "certified network bound of '\(output.name)': \(HTMLText.number(upper, .up)) (upper)", color: "#c0392b"))
        }
        let n = output.criticalPath.count
        let axis = SVGPlot.XAxis(
            label: "step along the critical path (input → output; ops with factor 1 included)",
            low: 0.5, high: Double(n) + 0.5, ticks: SVGPlot.integerTicks(low: 1, high: n, target: 20))
        let svg = SVGPlot(
            title: title, yLabel: "Lipschitz bound (dimensionless, log scale)", xAxis: axis, series: series,
            references: references, plotHeight: 260)
        return (svg, hidden)
    }
}
