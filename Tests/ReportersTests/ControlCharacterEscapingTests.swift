import Foundation
import LintCore
import Reporters
import Testing

/// A node name, message, path or error with a newline and a terminal escape sequence reaches no human-facing
/// format raw: no ESC anywhere, and no extra line in the line-oriented formats.
@Suite struct ControlCharacterEscapingTests {
    static let hostile = "x\u{1B}]0;owned\u{07}\u{1B}[2J\ny"

    static var result: LintResult {
        let finding = ReporterFixtures.finding(
            ReporterFixtures.norm, .error, .node(hostile, index: 0, op: "Conv"), "norm of \(hostile) exceeds 2")
        return LintResult(
            reports: [
                ModelReport(path: "m\u{1B}[31m.onnx", analysis: nil, findings: [finding], error: nil),
                ModelReport(path: "bad.onnx", analysis: nil, findings: [], error: "bad.onnx: auto_pad '\(hostile)'"),
            ],
            baselineDisappeared: nil, seconds: 0)
    }

    func expectNoControls(_ text: String, allowingNewlines: Bool, _ format: String) {
        let controls = text.unicodeScalars.filter { $0.value < 0x20 && !(allowingNewlines && $0 == "\n") || $0.value == 0x7F }
        #expect(controls.isEmpty, "\(format): \(controls.map(\.value))")
    }

    @Test func textFindingLinesAreOneLineEach() {
        let text = CheckTextReporter.findings(Self.result, color: false)
        expectNoControls(text, allowingNewlines: true, "text")
        #expect(text == "m\\e[31m.onnx: node 'x\\e]0;owned\\u{7}\\e[2J\\ny' (Conv): error: norm of "
            + "x\\e]0;owned\\u{7}\\e[2J\\ny exceeds 2 [LIP001 layer-spectral-norm]\n")
        // Colour is still liplint's own: the severity word is painted, names are not.
        let colored = CheckTextReporter.findings(Self.result, color: true)
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(!colored.contains("\u{1B}]0;") && !colored.contains("\u{1B}[2J"))
    }

    @Test func githubEscapesEscapeToo() {
        let text = GitHubReporter.render(Self.result, currentDirectory: "/r")
        expectNoControls(text, allowingNewlines: true, "github")
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.contains("node 'x\\e]0;owned\\u{7}\\e[2J%0Ay' (Conv)"))
    }

    /// The strings a viewer shows, found by key anywhere in a JSON document.
    static func strings(_ json: String, key: String) throws -> [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (k, v) in object {
                    if k == key, let text = v as? String { found.append(text) }
                    walk(v)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        return found
    }

    @Test func markdownGitLabAndSarifCarryNoControls() throws {
        expectNoControls(CheckMarkdownReporter.render(Self.result), allowingNewlines: true, "markdown")
        let gitlab = try Self.strings(GitLabCodeQualityReporter.render(Self.result, currentDirectory: "/r"), key: "description")
        #expect(gitlab.count == 2)
        for text in gitlab { expectNoControls(text, allowingNewlines: false, "gitlab") }
        let sarif = SarifReporter.render(
            Self.result, catalog: ReporterFixtures.catalog, toolVersion: "9.9",
            options: SarifReporter.Options(root: "/r", currentDirectory: "/r"))
        let messages = try Self.messageTexts(sarif)
        #expect(messages.count == 2, "\(messages)")
        for text in messages { expectNoControls(text, allowingNewlines: false, "sarif") }
    }

    /// `message.text` of every SARIF result and notification.
    static func messageTexts(_ json: String) throws -> [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let message = object["message"] as? [String: Any], let text = message["text"] as? String {
                    found.append(text)
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(json.utf8)))
        return found
    }
}
