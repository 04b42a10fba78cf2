import Foundation
import Testing
import TestSupport

/// `docs/rules/`: one page per rule, exactly what `liplint rule-page` prints (regenerate with
/// `scripts/generate-rule-docs.sh`), and the same text as `liplint explain` — SARIF's `helpUri` points there.
@Suite struct CheckSarifRuleDocsTests {
    @Test func committedRulePagesAreUpToDate() throws {
        let list = try LiplintProcess.run(["rule-page", "--list"])
        #expect(list.status == 0, "\(list.stderr)")
        let entries = list.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(entries.count == 14)
        let docs = LiplintProcess.packageRoot.appendingPathComponent("docs/rules")
        let committed = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasPrefix("LIP") }
        #expect(Set(committed) == Set(entries.map { $0[1] }), "stale or missing pages: run scripts/generate-rule-docs.sh")
        for entry in entries {
            let page = try LiplintProcess.run(["rule-page", entry[0]])
            let file = try? String(contentsOf: docs.appendingPathComponent(entry[1]), encoding: .utf8)
            #expect(file == page.stdout, "docs/rules/\(entry[1]) is out of date: run scripts/generate-rule-docs.sh")
            // The prose of `liplint explain` (summary, rationale; not its headings or indented blocks) is on the page.
            let explain = try LiplintProcess.run(["explain", entry[0]])
            for line in explain.stdout.split(separator: "\n").dropFirst(2) where !line.hasPrefix(" ") && !line.hasSuffix(":")
                && !line.hasPrefix("options: ")
            {
                #expect(file?.contains(line) == true, "\(entry[0]): '\(line)' missing from the page")
            }
        }
    }
}
