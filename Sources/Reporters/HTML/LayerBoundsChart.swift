import Analysis
import LintCore

/// The per-layer chart: each layer's figures in network order on a log scale, one marker per series, and
/// a legend that says what each series guarantees (README "What the numbers mean"). A figure that is
/// missing, unavailable or not positive is no point at all.
enum LayerBoundsChart {
    /// One plotted figure: which number (`field`) of which reported figure (`key`), how it is drawn and what
    /// the legend says.
    struct SeriesSpec: Sendable {
        var key: String
        var field: String
        var legend: String
        var color: String
        var marker: SVGPlot.Marker
        var filled: Bool
    }

    /// The series in legend order: certified upper bounds, the exact value, the estimate, the non-bound.
    static let series: [SeriesSpec] = [
        SeriesSpec(key: "asymptotic", field: "upper",
                   legend: "asymptotic upper (σ∞): certified upper bound, every input size",
                   color: "#1f5fbf", marker: .triangleDown, filled: true),
        SeriesSpec(key: "embedding", field: "upper",
                   legend: "embedding: certified upper bound at this input size",
                   color: "#138a72", marker: .triangleDown, filled: false),
        SeriesSpec(key: "exact", field: "value",
                   legend: "exact: the layer's norm at this input size (Lanczos to its tolerance; dense: SVD)",
                   color: "#111111", marker: .circle, filled: true),
        SeriesSpec(key: "circulant", field: "max",
                   legend: "circulant max: estimate (wrap-around spectrum), can be below the true norm",
                   color: "#d97706", marker: .diamond, filled: false),
        SeriesSpec(key: "reshaped", field: "value",
                   legend: "reshaped: NOT a bound (norm of the reshaped weight matrix; up to √(kh·kw) too low)",
                   color: "#b0306a", marker: .cross, filled: false),
    ]

    /// The value a series plots for a layer, with the figure's kind; `nil` when the figure is absent or
    /// unavailable.
    static func value(_ spec: SeriesSpec, _ layer: LayerAnalysis) -> (value: Double, kind: String, text: String)? {
        guard let figure = layer.figures.reported(spec.key), figure.isAvailable, let v = figure.number(spec.field),
              v.isFinite
        else { return nil }
        return (v, figure.kind.rawValue, DecimalText.text(v, figure.rounding(of: spec.field)))
    }

    /// The chart, and how many available figures could not be drawn because they are not positive; `nil`
    /// when no layer has any plotted figure.
    static func plot(_ layers: [LayerAnalysis], anchors: [String], title: String) -> (svg: SVGPlot, hidden: Int)? {
        var hidden = 0
        var plotted: [SVGPlot.Series] = []
        for spec in series {
            var points: [SVGPlot.Point] = []
            for (k, layer) in layers.enumerated() {
                guard let (v, kind, text) = value(spec, layer) else { continue }
                guard LogScale.isDrawable(v) else {
                    hidden += 1
                    continue
                }
                points.append(SVGPlot.Point(
                    x: Double(k), y: v,
                    tooltip: "#\(k) \(ReportAnchors.display(layer)) (\(layer.op)): \(spec.key) \(text) [\(kind)]",
                    anchor: anchors[k]))
            }
            guard !points.isEmpty else { continue }
            plotted.append(SVGPlot.Series(key: spec.key, legend: spec.legend, color: spec.color, marker: spec.marker,
                                          filled: spec.filled, points: points))
        }
        guard !plotted.isEmpty else { return nil }
        let axis = SVGPlot.XAxis(
            label: "layer # in network order (as in the layer table)", low: -0.5,
            high: Double(max(layers.count, 1)) - 0.5,
            ticks: SVGPlot.integerTicks(low: 0, high: layers.count - 1, target: 20))
        let svg = SVGPlot(title: title, yLabel: "spectral norm (dimensionless, log scale)", xAxis: axis, series: plotted)
        return (svg, hidden)
    }
}
