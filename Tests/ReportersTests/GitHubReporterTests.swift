import LintCore
import Reporters
import Testing

@Suite struct GitHubReporterTests {
    @Test func oneCommandPerFindingWithEscapedPropertiesAndData() {
        let text = GitHubReporter.render(ReporterFixtures.result, currentDirectory: "/work/repo")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == [
            "::error file=models/a b.onnx,line=1,title=LIP001 layer-spectral-norm::node '/conv1/Conv,x:y' (Conv): norm 3.25 exceeds 2",
            "::notice file=models/a b.onnx,line=1,title=LIP002 network-lipschitz-budget::output 'y': bound 9 exceeds the budget 5",
            "::error file=broken.onnx,line=1,title=liplint%3A unreadable model::broken.onnx: truncated",
        ])
    }

    @Test func trickyNodeNamesCannotBreakTheCommand() {
        let finding = ReporterFixtures.finding(
            ReporterFixtures.norm, .warning, .node("a%0A::b\r\nc,d:e", index: 0, op: "Conv"), "50% over\nbudget")
        let result = LintResult(
            reports: [ModelReport(path: "dir,1/m:x%.onnx", analysis: nil, findings: [finding], error: nil)],
            baselineDisappeared: nil, seconds: 0)
        let text = GitHubReporter.render(result, currentDirectory: "/r")
        #expect(text == "::warning file=dir%2C1/m%3Ax%25.onnx,line=1,title=LIP001 layer-spectral-norm::"
            + "node 'a%250A::b%0D%0Ac,d:e' (Conv): 50%25 over%0Abudget\n")
    }

    @Test func escaping() {
        #expect(GitHubReporter.data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e")
        #expect(GitHubReporter.property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce")
        #expect(GitHubReporter.command(.note) == "notice")
    }

    @Test func noticeWhenFindingsExceedThePerStepCap() {
        func findings(_ n: Int, _ severity: Severity) -> [Finding] {
            (0..<n).map { ReporterFixtures.finding(ReporterFixtures.norm, severity, .node("n\($0)", index: $0, op: "Conv"), "m") }
        }
        let result = LintResult(
            reports: [ModelReport(path: "m.onnx", analysis: nil,
                                  findings: findings(12, .error) + findings(10, .warning) + findings(3, .note), error: nil)],
            baselineDisappeared: nil, seconds: 0)
        let lines = GitHubReporter.render(result, currentDirectory: "/r").split(separator: "\n").map(String.init)
        #expect(lines.count == 26)
        #expect(lines.last == "::notice::liplint: 2 of 25 annotations are hidden by GitHub's limit of 10 errors, "
            + "10 warnings and 10 notices per step; the log above lists every finding")
        let atCap = LintResult(
            reports: [ModelReport(path: "m.onnx", analysis: nil, findings: findings(10, .error), error: nil)],
            baselineDisappeared: nil, seconds: 0)
        #expect(!GitHubReporter.render(atCap, currentDirectory: "/r").contains("::notice::"))
    }
}
