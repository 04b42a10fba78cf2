import Foundation
import Testing
import TestSupport

/// The CI recipes in `examples/` and the GitHub Action only use liplint options that exist: every `--option`
/// on a line that runs `liplint SUBCOMMAND` appears in that subcommand's `--help`. Each recipe runs `liplint
/// check` or calls the action (whose inputs ActionTests checks).
@Suite struct CIRecipeTests {
    static let recipes = ["action.yml", "examples/github-workflow.yml", "examples/gitlab-ci.yml", "docs/ci.md"]

    /// `(subcommand, options)` for every line that runs liplint.
    static func invocations(_ text: String) -> [(command: String, options: [String])] {
        var found: [(String, [String])] = []
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "`" }).map(String.init)
            guard let at = words.firstIndex(where: { $0 == "liplint" || $0.hasSuffix("/liplint") }), at + 1 < words.count
            else { continue }
            let command = words[at + 1]
            guard command.first?.isLetter == true else { continue }
            found.append((command, words[(at + 2)...].filter { $0.hasPrefix("--") }))
        }
        return found
    }

    @Test(arguments: recipes)
    func recipeOptionsExist(_ path: String) throws {
        let text = try String(contentsOf: LiplintProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
        let calls = Self.invocations(text)
        #expect(
            calls.contains { $0.command == "check" } || text.contains("uses: ORG/liplint@"),
            "\(path) runs no liplint check and does not use the action")
        var help: [String: String] = [:]
        for call in calls {
            if help[call.command] == nil {
                let r = try LiplintProcess.run([call.command, "--help"])
                #expect(r.status == 0, "\(path): liplint \(call.command) is not a command")
                help[call.command] = r.stdout
            }
            for option in call.options {
                #expect(help[call.command]?.contains(option) == true, "\(path): liplint \(call.command) has no \(option)")
            }
        }
    }

    @Test func theCheckerSeesAMisspelledOption() {
        let calls = Self.invocations("  - /opt/x/bin/liplint check $MODELS --formatt sarif\n")
        #expect(calls.count == 1 && calls[0].command == "check" && calls[0].options == ["--formatt"])
    }
}
