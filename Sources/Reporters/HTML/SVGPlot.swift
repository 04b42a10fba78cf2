/// One inline SVG chart: a linear x axis, a base-10 log y axis, series drawn as markers and/or a line,
/// optional horizontal reference lines, and a legend below the axes (one entry per line, so that labels
/// never overlap). Values that a log axis cannot show (≤ 0, non-finite) are left out by the caller.
///
/// The output is well-formed XML (every text escaped), carries `role="img"`, an `aria-label` and a
/// `<title>`, references nothing outside itself, and has coordinates rounded to 0.1 px, so the same plot
/// gives the same bytes.
struct SVGPlot {
    enum Marker {
        case circle, triangleDown, square, diamond, cross, none
    }

    struct Point {
        var x: Double
        var y: Double
        /// The hover text (`<title>` of the marker).
        var tooltip: String
        /// An in-page fragment (without `#`) the marker links to.
        var anchor: String? = nil
    }

    struct Series {
        /// Identifies the series in the markup (`data-series`); ASCII letters and dashes.
        var key: String
        var legend: String
        var color: String
        var marker: Marker
        var filled: Bool = true
        /// Whether a line joins the points in their order.
        var line: Bool = false
        /// The line's look: width in px and an SVG `stroke-dasharray` (`nil`: solid), so that curves lying on
        /// top of each other stay distinguishable (a wide solid line under a thin dashed one).
        var lineStyle: LineStyle = LineStyle()
        var points: [Point]
    }

    /// Width and dash pattern of a series' line.
    struct LineStyle {
        var width: Double = 1.8
        var dash: String? = nil

        /// The SVG attributes, starting with a space.
        var attributes: String {
            " stroke-width=\"\(HTMLText.coordinate(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        }
    }

    /// A dashed horizontal line across the plot, e.g. a certified bound.
    struct Reference {
        var key: String
        var value: Double
        var legend: String
        var color: String
    }

    struct XAxis {
        var label: String
        var low: Double
        var high: Double
        var ticks: [(value: Double, label: String)]
    }

    /// The accessible name (`aria-label`, `<title>`).
    var title: String
    var yLabel: String
    var xAxis: XAxis
    var series: [Series]
    var references: [Reference] = []
    var width: Double = 1160
    var plotHeight: Double = 300

    static let left = 84.0, right = 24.0, top = 14.0, legendLine = 20.0

    var plotBottom: Double { Self.top + plotHeight }
    var legendTop: Double { plotBottom + 58 }
    var height: Double {
        let entries = series.filter { !$0.legend.isEmpty }.count + references.count
        return legendTop + Double(entries) * Self.legendLine + 6
    }

    var yScale: LogScale {
        let values = series.flatMap { $0.points.map(\.y) } + references.map(\.value)
        return LogScale(covering: values, bottom: plotBottom, top: Self.top)
    }

    func xPosition(_ x: Double) -> Double {
        let span = xAxis.high - xAxis.low
        let t = span > 0 ? (x - xAxis.low) / span : 0.5
        return Self.left + (width - Self.left - Self.right) * t
    }

    func render() -> String {
        let c = HTMLText.coordinate
        let scale = yScale
        let plotRight = width - Self.right
        var out = "<svg class=\"plot\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" "
            + "viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        out += "<rect class=\"frame\" x=\"\(c(Self.left))\" y=\"\(c(Self.top))\" width=\"\(c(plotRight - Self.left))\" "
            + "height=\"\(c(plotHeight))\" fill=\"#fff\" stroke=\"#888\"/>\n"
        // y axis: grid and labels.
        out += "<g class=\"y-axis\" font-size=\"12\" text-anchor=\"end\">\n"
        for tick in scale.ticks {
            let y = c(scale.position(tick.value))
            let stroke = tick.major ? "#d0d0d0" : "#ececec"
            out += "<line x1=\"\(c(Self.left))\" x2=\"\(c(plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(stroke)\"/>"
            out += "<text x=\"\(c(Self.left - 6))\" y=\"\(y)\" dy=\"4\"\(tick.major ? "" : " fill=\"#666\"")>"
                + "\(HTMLText.escape(tick.label))</text>\n"
        }
        let middle = c(Self.top + plotHeight / 2)
        out += "<text class=\"axis-label\" x=\"16\" y=\"\(middle)\" transform=\"rotate(-90 16 \(middle))\" "
            + "text-anchor=\"middle\" font-size=\"13\">\(HTMLText.escape(yLabel))</text>\n</g>\n"
        // x axis: ticks, labels and the axis title.
        out += "<g class=\"x-axis\" font-size=\"12\" text-anchor=\"middle\">\n"
        for tick in xAxis.ticks {
            let x = c(xPosition(tick.value))
            out += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(c(plotBottom))\" y2=\"\(c(plotBottom + 5))\" stroke=\"#888\"/>"
            out += "<text x=\"\(x)\" y=\"\(c(plotBottom + 19))\">\(HTMLText.escape(tick.label))</text>\n"
        }
        out += "<text class=\"axis-label\" x=\"\(c((Self.left + plotRight) / 2))\" y=\"\(c(plotBottom + 40))\" "
            + "font-size=\"13\">\(HTMLText.escape(xAxis.label))</text>\n</g>\n"
        for reference in references where LogScale.isDrawable(reference.value) {
            let y = c(scale.position(reference.value))
            out += "<g class=\"reference\" data-series=\"\(reference.key)\"><line x1=\"\(c(Self.left))\" "
                + "x2=\"\(c(plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(reference.color)\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"6 4\"><title>\(HTMLText.escape(reference.legend))</title></line></g>\n"
        }
        for s in series {
            out += "<g class=\"series\" data-series=\"\(s.key)\">\n"
            if s.line, s.points.count > 1 {
                let points = s.points.map { "\(c(xPosition($0.x))),\(c(scale.position($0.y)))" }
                out += "<polyline class=\"curve\" fill=\"none\" stroke=\"\(s.color)\"\(s.lineStyle.attributes) "
                    + "points=\"\(points.joined(separator: " "))\"/>\n"
            }
            if s.marker != .none {
                for p in s.points {
                    let shape = Self.marker(s.marker, x: xPosition(p.x), y: scale.position(p.y), color: s.color,
                                            filled: s.filled, tooltip: p.tooltip)
                    if let anchor = p.anchor {
                        out += "<a href=\"#\(HTMLText.escape(anchor))\">\(shape)</a>\n"
                    } else {
                        out += shape + "\n"
                    }
                }
            }
            out += "</g>\n"
        }
        out += legend()
        out += "</svg>"
        return out
    }

    /// One legend entry per line below the x axis: the series' marker (or line) and its text.
    func legend() -> String {
        let c = HTMLText.coordinate
        var out = "<g class=\"legend\" font-size=\"12.5\">\n"
        var y = legendTop
        for s in series where !s.legend.isEmpty {
            let x = Self.left + 10
            if s.line {
                out += "<line x1=\"\(c(x - 10))\" x2=\"\(c(x + 10))\" y1=\"\(c(y))\" y2=\"\(c(y))\" stroke=\"\(s.color)\"\(s.lineStyle.attributes)/>"
            }
            if s.marker != .none {
                out += Self.marker(s.marker, x: x, y: y, color: s.color, filled: s.filled, tooltip: nil)
            }
            out += "<text x=\"\(c(x + 18))\" y=\"\(c(y))\" dy=\"4\">\(HTMLText.escape(s.legend))</text>\n"
            y += Self.legendLine
        }
        for r in references {
            let x = Self.left + 10
            out += "<line x1=\"\(c(x - 10))\" x2=\"\(c(x + 10))\" y1=\"\(c(y))\" y2=\"\(c(y))\" stroke=\"\(r.color)\" "
                + "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(c(x + 18))\" y=\"\(c(y))\" dy=\"4\">\(HTMLText.escape(r.legend))</text>\n"
            y += Self.legendLine
        }
        return out + "</g>\n"
    }

    /// A marker centred on `(x, y)`, with the hover text as its `<title>` when given.
    static func marker(_ marker: Marker, x: Double, y: Double, color: String, filled: Bool, tooltip: String?) -> String {
        let c = HTMLText.coordinate
        let r = 4.5
        let fill = filled ? color : "#fff"
        let paint = "class=\"point\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"1.5\""
        let title = tooltip.map { "<title>\(HTMLText.escape($0))</title>" } ?? ""
        let element: String
        let path: String
        switch marker {
        case .circle:
            return "<circle \(paint) cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\">\(title)</circle>"
        case .square:
            return "<rect \(paint) x=\"\(c(x - r * 0.85))\" y=\"\(c(y - r * 0.85))\" width=\"\(c(r * 1.7))\" "
                + "height=\"\(c(r * 1.7))\">\(title)</rect>"
        case .triangleDown:
            path = "M\(c(x - r)) \(c(y - r * 0.7))L\(c(x + r)) \(c(y - r * 0.7))L\(c(x)) \(c(y + r))Z"
            element = "<path \(paint) d=\"\(path)\">"
        case .diamond:
            path = "M\(c(x)) \(c(y - r * 1.1))L\(c(x + r)) \(c(y))L\(c(x)) \(c(y + r * 1.1))L\(c(x - r)) \(c(y))Z"
            element = "<path \(paint) d=\"\(path)\">"
        case .cross:
            path = "M\(c(x - r)) \(c(y - r))L\(c(x + r)) \(c(y + r))M\(c(x - r)) \(c(y + r))L\(c(x + r)) \(c(y - r))"
            element = "<path class=\"point\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" d=\"\(path)\">"
        case .none:
            return ""
        }
        return element + title + "</path>"
    }

    /// About `target` evenly spaced integer ticks over `low ... high` (steps of 1, 2, 5, 10, 20, 50, ...).
    static func integerTicks(low: Int, high: Int, target: Int = 16) -> [(value: Double, label: String)] {
        guard high > low else { return [(Double(low), String(low))] }
        var step = 1
        let candidates = [1, 2, 5]
        var k = 0
        while (high - low) / step > target {
            k += 1
            step = candidates[k % 3] * Int(pow10(k / 3))
        }
        var ticks: [(Double, String)] = []
        var v = (low + step - 1) / step * step
        while v <= high {
            ticks.append((Double(v), String(v)))
            v += step
        }
        return ticks
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}
