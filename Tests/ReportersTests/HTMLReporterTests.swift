import Analysis
import Foundation
import LintCore
@testable import Reporters
import Testing

/// `check --format html`: the page as a whole (self-contained, escaped, deterministic, linked) on an
/// analysis built in code.
@Suite struct HTMLReporterTests {
    let page = CheckHTMLReporter.render(HTMLReportFixtures.result(), toolVersion: "9.9")

    @Test func pageIsDeterministic() {
        #expect(page == CheckHTMLReporter.render(HTMLReportFixtures.result(), toolVersion: "9.9"))
        #expect(!page.contains("86421"), "no timings")
    }

    @Test func pageHasAccessibleBasics() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<title>liplint check report</title>"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("@media print"))
    }

    @Test func hostileNamesAreEscapedEverywhere() {
        #expect(!page.contains("<script"), "no script at all, and no node name that opens one")
        #expect(!page.contains(HTMLReportFixtures.hostile))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;&lt;/script&gt;"))
        #expect(page.contains("models/m&lt;1&gt;.onnx"))
        #expect(page.contains("bad&amp;.onnx: truncated &lt;file&gt;"), "an unreadable model shows its error")
        #expect(page.contains("input size unknown &lt;b&gt;"))
        #expect(!page.contains("<b>\n") && !page.contains("unknown <b>"))
    }

    @Test func nothingIsFetchedAndEveryLinkIsAnInternalAnchorThatExists() throws {
        #expect(!page.contains("http://") && !page.contains("https://"))
        #expect(!page.contains("src=") && !page.contains("url(") && !page.contains("@import"))
        let ids = Set(try attributeValues("id", in: page))
        let hrefs = try attributeValues("href", in: page)
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(href.hasPrefix("#"), "\(href)")
            #expect(ids.contains(String(href.dropFirst())), "\(href) has no target")
        }
        #expect(Set(ids).count == (try attributeValues("id", in: page)).count, "ids are unique")
    }

    @Test func findingsLinkToTheirLayerAndOutput() throws {
        let anchors = ReportAnchors(modelIndex: 0, path: "models/m<1>.onnx", analysis: HTMLReportFixtures.analysis())
        let layerAnchor = try #require(anchors.layerByName[HTMLReportFixtures.hostile])
        #expect(layerAnchor.hasPrefix("layer-0-1-"))
        #expect(layerAnchor.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        #expect(page.contains("<tr id=\"\(layerAnchor)\""))
        let findings = try #require(page.components(separatedBy: "<table class=\"findings\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        #expect(findings.contains("<a href=\"#\(layerAnchor)\">node <code>&lt;script&gt;"))
        #expect(findings.contains("<a href=\"#\(try #require(anchors.outputByName["y"]))\">output <code>y</code>"))
        // A node that is not a conv or dense layer has no row to link to.
        #expect(findings.contains("<td class=\"node\">node <code>bn0</code> (BatchNormalization)</td>"))
    }

    @Test func headerHasVerdictShaAndNetworkBoundPerOutputWithKind() {
        #expect(page.contains("<p class=\"verdict bad\">models could not be read</p>"))
        #expect(page.contains(String(repeating: "ab", count: 32)))
        #expect(page.contains("<span class=\"verdict bad\">fails</span> 1 finding at or above fail-on error"))
        #expect(page.contains("<td class=\"num\">≤ 348</td><td>upper (certified)</td>"))
        #expect(page.contains("<td><code>aux&lt;&amp;&gt;</code></td><td class=\"num\">unknown</td><td>unknown</td>"))
        #expect(page.contains("product of two input-dependent tensors"))
        #expect(page.contains("1234.5 — <b>not a bound</b>"))
    }

    @Test func layerTableHasOneAnchoredRowPerLayerWithItsFigures() {
        let rows = page.components(separatedBy: "<tr id=\"layer-0-").count - 1
        #expect(rows == HTMLReportFixtures.layers.count)
        #expect(page.contains("<td class=\"num\" title=\"input size unknown &lt;b&gt;\">n/a</td>"))
        // Layer 0 in table order: exact 2.5, embedding 2.7, asymptotic 2.9 ... and reshaped 1.1.
        let stem = page.components(separatedBy: "<tr id=\"layer-0-0-stem\"").dropFirst().first?
            .components(separatedBy: "</tr>").first ?? ""
        let numbers = stem.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "<")[0] }
        #expect(numbers == ["0", "1", "2.9", "2.7", "2.5", "2.4", "1.1"])
    }

    @Test func withoutListsTheSingularValueSectionSaysHowToGetThem() {
        let plain = CheckHTMLReporter.render(
            HTMLReportFixtures.result(options: AnalysisOptions(bounds: .standard)), toolVersion: "9.9")
        #expect(plain.contains("<code>--bounds all --singular-values</code>"))
        #expect(!plain.contains("Sorted singular values of layer"))
        #expect(page.contains("Sorted singular values of layer stem"))
    }

    @Test func singularValueSelectionTakesLargestBoundsAndFlaggedLayersInNetworkOrder() {
        let analysis = HTMLReportFixtures.analysis()
        let anchors = ReportAnchors(modelIndex: 0, path: "m", analysis: analysis)
        let findings = HTMLReportFixtures.result().reports[0].findings
        // Largest asymptotic bounds: #1 (40), #0 (2.9), #5 (2.5); #1 also has a finding.
        #expect(SingularValueSelection.indices(analysis.layers, findings: findings, anchors: anchors) == [0, 1, 5])
        // Flagging every layer is capped.
        var many = analysis.layers
        for k in 0..<12 {
            var layer = many[2]
            layer.figures.asymptotic = .notRequested
            if case .conv(var c) = layer.layer { c.name = "extra\(k)"; c.nodeIndex = 10 + k; layer.layer = .conv(c) }
            many.append(layer)
        }
        var flagged = analysis
        flagged.layers = many
        let manyAnchors = ReportAnchors(modelIndex: 0, path: "m", analysis: flagged)
        let all = many.map { layer in
            HTMLReportFixtures.finding("LIP011", "asymmetric-padding", .note, .node(layer.name, index: layer.nodeIndex, op: "Conv"), "pads")
        }
        let chosen = SingularValueSelection.indices(many, findings: all, anchors: manyAnchors)
        #expect(chosen.count == SingularValueSelection.cap)
        #expect(chosen == chosen.sorted())
        #expect([0, 1, 5].allSatisfy(chosen.contains), "the largest bounds come first")
    }

    /// Every value of attribute `name` in `html` (double-quoted, as the reporter writes them).
    func attributeValues(_ name: String, in html: String) throws -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().map { $0.components(separatedBy: "\"")[0] }
    }
}
