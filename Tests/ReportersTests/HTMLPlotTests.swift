import Analysis
import Foundation
import LintCore
@testable import Reporters
import Testing

/// The inline SVG charts of the HTML report: well-formed XML, one point per available figure, log
/// positions monotone in the values, downsampled curves.
@Suite struct HTMLPlotTests {
    let page = CheckHTMLReporter.render(HTMLReportFixtures.result(), toolVersion: "9.9")

    var documents: [SVGDocument] { HTMLReportFixtures.svgs(page).map(SVGDocument.init) }

    @Test func everySVGIsWellFormedAndAccessible() throws {
        let svgs = HTMLReportFixtures.svgs(page)
        // Layer chart, one critical path (the other output is unknown), three singular-value charts
        // (the three selected layers; #1 and #5 have no list, so only #0 has a chart).
        #expect(svgs.count == 3)
        for svg in svgs {
            let doc = SVGDocument(svg)
            #expect(doc.parseError == nil, "\(String(describing: doc.parseError))")
            let root = try #require(doc.root)
            #expect(root.name == "svg")
            #expect(root.attributes["role"] == "img")
            #expect(!(root.attributes["aria-label"] ?? "").isEmpty)
            #expect(doc.elements.dropFirst().first?.name == "title")
            #expect(doc.elements.contains { $0.attributes["class"] == "axis-label" })
            #expect(root.attributes["xmlns"] == nil, "inline SVG in HTML: no namespace URL in the page")
        }
    }

    @Test func layerChartHasOnePointPerAvailablePositiveFigure() throws {
        let doc = try #require(documents.first)
        let layers = HTMLReportFixtures.layers
        // Counted from the fixture's figures directly: present, available, positive.
        func count(_ pick: (LayerFigures) -> Double?) -> Int {
            layers.filter { layer in pick(layer.figures).map { $0 > 0 } ?? false }.count
        }
        #expect(doc.points("asymptotic").count == count { $0.asymptotic.value?.upper })
        #expect(doc.points("asymptotic").count == 6)
        #expect(doc.points("embedding").count == 1)
        #expect(doc.points("exact").count == 5, "layer 1's exact is unavailable: no point, not zero")
        #expect(doc.points("circulant").count == 1, "layer 1's circulant max is 0: not drawn")
        #expect(doc.points("reshaped").count == 2)
        #expect(page.contains("1 figures equal to 0 cannot be shown on the log scale"))
        // Tooltips name the node (escaped in the markup, plain once parsed).
        #expect(doc.points("asymptotic")[1].tooltip.contains(HTMLReportFixtures.hostile))
    }

    @Test func logPositionsAreMonotoneInTheValues() throws {
        let doc = try #require(documents.first)
        // The exact series uses circles: cy decreases strictly as the value grows.
        let exactValues = HTMLReportFixtures.layers.compactMap { l -> Double? in
            l.figures.exact.value?.value
        }
        let cys = doc.points("exact").compactMap { $0.attributes["cy"].flatMap(Double.init) }
        #expect(cys.count == exactValues.count)
        let pairs = zip(exactValues, cys).sorted { $0.0 < $1.0 }
        for (a, b) in zip(pairs, pairs.dropFirst()) where a.0 < b.0 { #expect(b.1 < a.1, "\(a) \(b)") }

        let scale = LogScale(covering: [0.03, 7, 420], bottom: 300, top: 10)
        #expect(scale.lowDecade == -2 && scale.highDecade == 3)
        #expect(abs(scale.position(0.01) - 300) < 1e-9 && abs(scale.position(1000) - 10) < 1e-9)
        let values = [0.011, 0.05, 0.5, 1, 1.0001, 9.99, 10, 999]
        let positions = values.map(scale.position)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 > $1 })
        // Equal ratios give equal distances.
        #expect(abs((scale.position(1) - scale.position(10)) - (scale.position(10) - scale.position(100))) < 1e-9)
        #expect(LogScale(covering: [], bottom: 1, top: 0).highDecade == 1)
        #expect(!LogScale.isDrawable(0) && !LogScale.isDrawable(-1) && !LogScale.isDrawable(.infinity))
    }

    @Test func criticalPathChartPlotsTheCumulativeProduct() throws {
        let doc = try #require(documents.dropFirst().first)
        let cumulative = doc.points("cumulative")
        #expect(cumulative.count == 5)
        #expect(doc.points("factor").count == 5)
        #expect(cumulative.last?.tooltip.hasSuffix("cumulative 348") == true)
        let cys = cumulative.compactMap { $0.attributes["cy"].flatMap(Double.init) }
        // Factors 2.9, 1, 40, 1.5, 2: the product never falls, so the curve never goes down the page.
        #expect(zip(cys, cys.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(doc.elements.contains { $0.series == "bound" && $0.name == "line" })
        // The reference line sits exactly where the last cumulative value does (the chain's product = bound).
        let bound = try #require(doc.elements.first { $0.series == "bound" && $0.name == "line" })
        #expect(bound.attributes["y1"] == cumulative.last?.attributes["cy"])
    }

    @Test func singularValueCurvesAreDownsampledSortedQuantiles() throws {
        let doc = try #require(documents.last)
        let circulant = try #require(doc.elements.first { $0.series == "circulant" && $0.name == "polyline" })
        let approximation = try #require(doc.elements.first { $0.series == "approximation" && $0.name == "polyline" })
        let circulantPoints = (circulant.attributes["points"] ?? "").split(separator: " ")
        #expect(circulantPoints.count == SingularValueChart.pointsPerCurve, "2995 positive values, downsampled")
        #expect((approximation.attributes["points"] ?? "").split(separator: " ").count == 150, "fewer than the cap: all")
        // Sorted descending: y (pixels) never decreases along the curve.
        let ys = circulantPoints.compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(doc.points("exact").count == 1)
        #expect(doc.elements.contains { $0.series == "asymptotic" && $0.name == "line" })
        #expect(page.contains("circulant: 5 of 3000 singular values are 0 (not drawn on the log scale)"))
    }

    @Test func quantileSampleKeepsBothEndsAndSortsWhenNeeded() {
        let s = QuantileSample([1, 5, 3, 2, 4], count: 3)
        #expect(s.total == 5)
        #expect(s.points.map(\.value) == [5, 3, 1])
        #expect(s.points.map(\.fraction) == [0, 0.5, 1])
        let big = QuantileSample((0..<100_000).map { Double(100_000 - $0) }, count: 200)
        #expect(big.points.count == 200)
        #expect(big.points.first?.value == 100_000 && big.points.last?.value == 1)
        #expect(QuantileSample([], count: 10).points.isEmpty)
        #expect(QuantileSample([2], count: 10).points.map(\.value) == [2])
    }

    @Test func textHelpers() {
        #expect(HTMLText.escape("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&#39;\u{FFFD}")
        #expect(HTMLText.coordinate(12.345) == "12.3" && HTMLText.coordinate(-0.06) == "-0.1" && HTMLText.coordinate(7) == "7")
        #expect(HTMLText.anchor("layer", [0, 3], name: "/conv1/Conv <x>") == "layer-0-3-conv1-conv-x")
        #expect(HTMLText.anchor("layer", [1, 2], name: "<&>") == "layer-1-2")
        #expect(SVGPlot.integerTicks(low: 0, high: 100, target: 10).map(\.value) == stride(from: 0.0, through: 100, by: 10).map { $0 })
    }
}
