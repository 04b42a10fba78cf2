import Foundation
import Testing
import TestSupport
import Yams

/// `action.yml`, the composite GitHub Action at the repository root, has the shape GitHub requires; it
/// declares the inputs docs/ci.md documents, uses exactly the inputs it declares, passes only options that
/// `liplint check` has, and the example workflow calls it with declared inputs only.
@Suite struct ActionTests {
    static let inputsTheIssueNames: Set<String> = [
        "paths", "config", "format", "fail-on", "sarif-file", "upload-sarif", "install-from", "version",
    ]

    static func text(_ path: String) throws -> String {
        try String(contentsOf: LiplintProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    static func mapping(_ path: String) throws -> [String: Any] {
        let parsed = try Yams.load(yaml: text(path))
        return try #require(parsed as? [String: Any], "\(path) is not a YAML mapping")
    }

    static func steps(_ action: [String: Any]) throws -> [[String: Any]] {
        let runs = try #require(action["runs"] as? [String: Any], "action.yml has no runs")
        return try #require(runs["steps"] as? [[String: Any]], "action.yml has no runs.steps list")
    }

    /// The names in every `inputs.NAME` expression of an action's text.
    static func referencedInputs(_ text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"\binputs\.([A-Za-z0-9_-]+)"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    /// Every `--option` that a run script passes to `liplint check`: on a line that runs it, or appended to
    /// the `opts` array the script passes to it.
    static func checkOptions(_ script: String) -> Set<String> {
        var options: Set<String> = []
        for line in script.split(separator: "\n") where line.contains("liplint check") || line.contains("opts+=(") {
            for word in line.split(whereSeparator: { " ()\"'".contains($0) }) where word.hasPrefix("--") {
                options.insert(String(word))
            }
        }
        return options
    }

    @Test func isACompositeActionWhoseStepsGitHubCanRun() throws {
        let action = try Self.mapping("action.yml")
        #expect((action["name"] as? String)?.isEmpty == false)
        #expect((action["description"] as? String)?.isEmpty == false)
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try Self.steps(action)
        #expect(steps.count >= 3)
        let ids = Set(steps.compactMap { $0["id"] as? String })
        for step in steps {
            let name = step["name"] as? String ?? "?"
            let run = step["run"] as? String, uses = step["uses"] as? String
            #expect((run == nil) != (uses == nil), "step \(name): exactly one of run and uses")
            if run != nil { #expect(step["shell"] as? String == "bash", "step \(name): a composite run step needs shell") }
            if let uses { #expect(uses.contains("@v"), "step \(name): \(uses) is not pinned to a version") }
        }
        // Every steps.ID.outputs expression names a step that has that id.
        let text = try Self.text("action.yml")
        let pattern = try NSRegularExpression(pattern: #"steps\.([A-Za-z0-9_-]+)\.outputs"#)
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let id = String(text[Range(match.range(at: 1), in: text)!])
            #expect(ids.contains(id), "action.yml reads outputs of a step with no id \(id)")
        }
    }

    @Test func declaresDescribedInputsAndUsesExactlyThose() throws {
        let action = try Self.mapping("action.yml")
        let inputs = try #require(action["inputs"] as? [String: Any])
        let declared = Set(inputs.keys)
        #expect(Self.inputsTheIssueNames.isSubset(of: declared), "missing: \(Self.inputsTheIssueNames.subtracting(declared))")
        for (name, value) in inputs {
            let input = try #require(value as? [String: Any], "input \(name) is not a mapping")
            #expect((input["description"] as? String)?.isEmpty == false, "input \(name) has no description")
            #expect(input["required"] as? Bool == false, "input \(name): every input has a default")
            #expect(input["default"] != nil, "input \(name) has no default")
        }
        let referenced = Self.referencedInputs(try Self.text("action.yml"))
        #expect(referenced == declared, "declared but unused: \(declared.subtracting(referenced)); used but undeclared: \(referenced.subtracting(declared))")
        let docs = try Self.text("docs/ci.md")
        for name in declared { #expect(docs.contains("`\(name)`"), "docs/ci.md does not document input \(name)") }
    }

    @Test func passesOnlyOptionsThatCheckHas() throws {
        let scripts = try Self.steps(Self.mapping("action.yml")).compactMap { $0["run"] as? String }
        let options = scripts.reduce(into: Set<String>()) { $0.formUnion(Self.checkOptions($1)) }
        #expect(options.isSuperset(of: ["--config", "--fail-on", "--format", "--output"]), "\(options)")
        let help = try LiplintProcess.run(["check", "--help"])
        #expect(help.status == 0)
        for option in options { #expect(help.stdout.contains(option), "liplint check has no \(option)") }
    }

    @Test func exampleWorkflowCallsTheActionWithDeclaredInputs() throws {
        let declared = Set(try #require(Self.mapping("action.yml")["inputs"] as? [String: Any]).keys)
        let workflow = try Self.mapping("examples/github-workflow.yml")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let steps = jobs.values.compactMap { ($0 as? [String: Any])?["steps"] as? [[String: Any]] }.joined()
        let calls = steps.filter { ($0["uses"] as? String)?.hasPrefix("ORG/liplint@") == true }
        #expect(calls.count == 1, "examples/github-workflow.yml should call the liplint action once")
        for call in calls {
            let with = try #require(call["with"] as? [String: Any], "the action call has no with:")
            let keys = Set(with.keys)
            #expect(keys.isSubset(of: declared), "undeclared inputs: \(keys.subtracting(declared))")
        }
    }

    @Test func theCheckersSeeAnUndeclaredInputAndAnOption() {
        #expect(Self.referencedInputs("x: ${{ inputs.fail-on }} ${{ inputs.nope }}") == ["fail-on", "nope"])
        #expect(Self.checkOptions("opts+=(--configg \"$C\")\nliplint check a --formatt x\npip --q") == ["--configg", "--formatt"])
    }
}
