import Foundation
import Testing
import TestSupport

/// `liplint check --format markdown`: the pull-request summary, end to end on a real model.
@Suite struct CheckMarkdownTests {
    let args = ["check", "fixtures/real/ch_ppocr_mobile_v2.0_cls_infer.onnx", "--bounds", "fast",
                "--input-shape", "x=1x3x48x192", "--format", "markdown"]

    @Test func summaryHasVerdictBoundWorstLayersAndGroupedFindings() throws {
        let r = try LiplintProcess.run(args)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let text = r.stdout
        #expect(text.hasPrefix("## liplint: ✅ passed\n"))
        #expect(text.contains("1 model, 54 layers: 0 errors, 9 warnings, 0 notes"))
        #expect(!text.contains(" s\n"), "no timings: the same input gives the same comment")
        #expect(text.contains("### Network Lipschitz bound"))
        #expect(text.contains("| unknown | 9 blocking ops |"))
        #expect(text.contains("<details><summary><b>LIP003 lipschitz-unknown-op</b>: 9 warnings</summary>"))
        #expect(text.components(separatedBy: "</details>").count == 2)

        // The worst-layers table lists 10 layers, largest certified bound first.
        let rows = text.components(separatedBy: "\n").filter { $0.hasPrefix("| `fixtures/") && $0.hasSuffix(" – |") }
        #expect(rows.count == 10)
        let bounds = rows.compactMap { row in Double(row.components(separatedBy: " | ")[3]) }
        #expect(bounds.count == 10 && bounds == bounds.sorted(by: >))
    }

    @Test func failingRunSaysSoAndIsDeterministic() throws {
        var failing = args
        failing += ["--fail-on", "warning"]
        let a = try LiplintProcess.run(failing), b = try LiplintProcess.run(failing)
        #expect(a.status == 1)
        #expect(a.stdout.hasPrefix("## liplint: ❌ failed\n"))
        #expect(a.stdout == b.stdout)
    }
}
