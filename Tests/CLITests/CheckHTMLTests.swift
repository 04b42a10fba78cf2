import Foundation
import Testing
import TestSupport

/// `liplint check --format html --output FILE`, end to end: the file is written, the exit code is the one
/// `check` gives in every format, the page is byte-deterministic and shows unreadable models.
@Suite struct CheckHTMLTests {
    @Test func writesTheReportAndExitsAsCheckDoes() throws {
        let dir = try CheckFixtures.scratch()
        // A dead output channel (warning) and asymmetric padding (note); the default fail-on is error.
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(name: "c<0>", pads: [0, 0, 1, 1], deadChannel: true))
        let args = ["check", "m.onnx", "--bounds", "all", "--singular-values", "--format", "html", "--output", "report.html"]
        let r = try LiplintProcess.run(args, in: URL(fileURLWithPath: dir))
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        let page = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("LIP008") && page.contains("LIP011"))
        #expect(page.contains("node <code>c&lt;0&gt;</code>") && !page.contains("c<0>"))
        #expect(page.contains("Sorted singular values of layer c&lt;0&gt;"), "the layer with findings gets a spectrum plot")
        #expect(page.contains("data-series=\"approximation\"") && page.contains("data-series=\"circulant\""))

        let again = try LiplintProcess.run(args, in: URL(fileURLWithPath: dir))
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: dir + "/report.html", encoding: .utf8) == page, "byte-deterministic")

        let failing = try LiplintProcess.run(args + ["--fail-on", "warning"], in: URL(fileURLWithPath: dir))
        let text = try LiplintProcess.run(["check", "m.onnx", "--bounds", "fast", "--fail-on", "warning"], in: URL(fileURLWithPath: dir))
        #expect(failing.status == 1 && text.status == 1)
        let failingPage = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(failingPage.contains("<p class=\"verdict bad\">failed</p>"))
    }

    @Test func unreadableModelsAreShownAndExitTwo() throws {
        let dir = try CheckFixtures.scratch()
        try CheckFixtures.put(dir, "ok.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "broken.onnx", [0xFF, 0xFF, 0x01])
        let r = try LiplintProcess.run(
            ["check", "ok.onnx", "broken.onnx", "--bounds", "none", "--format", "html", "--output", "r.html"],
            in: URL(fileURLWithPath: dir))
        #expect(r.status == 2)
        #expect(r.stderr.contains("broken.onnx"))
        let page = try String(contentsOfFile: dir + "/r.html", encoding: .utf8)
        #expect(page.contains("<p class=\"error-box\"><b>could not be read:</b> broken.onnx"))
        #expect(page.contains("Not computed (<code>--bounds none</code>)"))
    }
}
