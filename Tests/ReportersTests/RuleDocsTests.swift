import LintCore
import Reporters
import Testing

@Suite struct RuleDocsTests {
    @Test func explainTextMatchesTheCommandLayout() {
        let text = RuleDocs.explainText(ReporterFixtures.norm)
        #expect(text == """
            LIP001 layer-spectral-norm
            default severity: warning

            A layer's norm exceeds `max`.

            Large norms | amplify noise.

            options:
              max: a number ≥ 0 (default 100): largest norm

            example:
              rules:
                layer-spectral-norm: {max: 2}

              m.onnx: node 'c' (Conv): warning: too big

            """)
        #expect(RuleDocs.explainText(ReporterFixtures.budget).contains("options: none (configure severity or off only)\n"))
    }

    @Test func markdownPageHasTitleSectionsAndEscapedTable() {
        let page = RuleDocs.markdownPage(ReporterFixtures.norm)
        #expect(page.hasPrefix("# LIP001 `layer-spectral-norm`\n"))
        #expect(page.contains("Default severity: **warning**"))
        #expect(page.contains("## Why it matters\n\nLarge norms | amplify noise.\n"))
        #expect(page.contains("| `max` | a number ≥ 0 | `100` | largest norm |"))
        #expect(page.contains("```\nrules:\n  layer-spectral-norm: {max: 2}\n\nm.onnx: node 'c' (Conv): warning: too big\n```"))
        #expect(page.hasSuffix("`liplint explain LIP001`.\n"))
        #expect(RuleDocs.pagePath(ReporterFixtures.norm.id) == "docs/rules/LIP001-layer-spectral-norm.md")
    }
}
