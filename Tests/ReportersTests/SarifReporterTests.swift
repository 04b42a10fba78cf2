import LintCore
import Reporters
import Testing

/// Two tiny rules and a result with a node, an output and an unreadable model, built without the linter.
enum ReporterFixtures {
    struct StubRule: Rule {
        let descriptor: RuleDescriptor
        func check(_ input: RuleInput) -> [Violation] { [] }
    }

    static let norm = RuleDescriptor(
        id: RuleID(code: "LIP001", name: "layer-spectral-norm"), defaultSeverity: .warning,
        summary: "A layer's norm exceeds `max`.", rationale: "Large norms | amplify noise.",
        example: "rules:\n  layer-spectral-norm: {max: 2}\n\nm.onnx: node 'c' (Conv): warning: too big",
        options: [OptionSpec(name: "max", type: .number(minimum: 0), defaultValue: .number(100), summary: "largest norm")])
    static let budget = RuleDescriptor(
        id: RuleID(code: "LIP002", name: "network-lipschitz-budget"), defaultSeverity: .error,
        summary: "The network bound exceeds the budget.", rationale: "Certified robustness needs a budget.",
        example: "rules:\n  network-lipschitz-budget: {budget: 20}")

    static var catalog: RuleCatalog { RuleCatalog([StubRule(descriptor: budget), StubRule(descriptor: norm)]) }

    static func finding(_ rule: RuleDescriptor, _ severity: Severity, _ location: FindingLocation, _ message: String)
        -> Finding
    {
        Finding(rule: rule.id, severity: severity, location: location, message: message, value: 3.25, threshold: 2,
                fingerprint: Fingerprint(rule: rule.id.code, path: "m", node: location.name ?? "").hash)
    }

    static var result: LintResult {
        LintResult(
            reports: [
                ModelReport(path: "models/a b.onnx", analysis: nil, findings: [
                    finding(norm, .error, .node("/conv1/Conv,x:y", index: 3, op: "Conv"), "norm 3.25 exceeds 2"),
                    finding(budget, .note, .output("y"), "bound 9 exceeds the budget 5"),
                ], error: nil),
                ModelReport(path: "/work/repo/broken.onnx", analysis: nil, findings: [], error: "broken.onnx: truncated"),
            ],
            baselineDisappeared: nil, seconds: 1.5)
    }
}

@Suite struct SarifReporterTests {
    let options = SarifReporter.Options(root: "/work/repo", currentDirectory: "/work/repo")

    var document: JSONValue {
        SarifReporter.document(ReporterFixtures.result, catalog: ReporterFixtures.catalog, toolVersion: "9.9", options: options)
    }

    @Test func logHasVersionSchemaAndOneRun() throws {
        #expect(document["version"] == .string("2.1.0"))
        #expect(document["$schema"] == .string(SarifReporter.schemaURI))
        let runs = try #require(document["runs"]?.items, "runs is not an array")
        #expect(runs.count == 1)
        let driver = try #require(runs.first?["tool"]?["driver"])
        #expect(driver["name"] == .string("liplint"))
        #expect(driver["version"] == .string("9.9"))
    }

    @Test func driverListsEveryRuleInCodeOrderWithDocs() throws {
        let driver = try #require(SarifTestAccess.run(document)["tool"]?["driver"])
        let rules = try #require(driver["rules"]?.items, "rules is not an array")
        #expect(rules.map { $0["id"] } == [.string("LIP001"), .string("LIP002")])
        let first = rules[0]
        #expect(first["name"] == .string("layer-spectral-norm"))
        #expect(first["shortDescription"]?["text"] == .string("A layer's norm exceeds `max`."))
        #expect(first["fullDescription"]?["text"] == .string("Large norms | amplify noise."))
        #expect(first["helpUri"] == nil)  // only with a documentation base: the schema wants an absolute URI
        #expect(driver["informationUri"] == nil)
        #expect(first["help"]?["text"] == .string(RuleDocs.explainText(ReporterFixtures.norm)))
        #expect(first["help"]?["markdown"] == .string(RuleDocs.markdownPage(ReporterFixtures.norm)))
        #expect(first["defaultConfiguration"]?["level"] == .string("warning"))
        #expect(rules[1]["defaultConfiguration"]?["level"] == .string("error"))
    }

    @Test func documentationBasePrefixesHelpUris() throws {
        var options = self.options
        options.documentationBase = "https://example.org/liplint/blob/v1/"
        let log = SarifReporter.document(
            ReporterFixtures.result, catalog: ReporterFixtures.catalog, toolVersion: "9.9", options: options)
        let driver = try #require(SarifTestAccess.run(log)["tool"]?["driver"])
        #expect(driver["informationUri"] == .string("https://example.org/liplint/blob/v1/README.md"))
        let rules = try #require(driver["rules"]?.items, "rules is not an array")
        #expect(rules[0]["helpUri"] == .string("https://example.org/liplint/blob/v1/docs/rules/LIP001-layer-spectral-norm.md"))
    }

    @Test func resultsCarryRuleLevelLocationAndFingerprint() throws {
        let results = try #require(SarifTestAccess.run(document)["results"]?.items, "results is not an array")
        #expect(results.count == 2)
        let node = results[0]
        #expect(node["ruleId"] == .string("LIP001"))
        #expect(node["ruleIndex"] == .int(0))
        #expect(node["level"] == .string("error"))
        #expect(node["message"]?["text"] == .string("norm 3.25 exceeds 2"))
        let locations = try #require(node["locations"]?.items, "locations is not an array")
        let physical = try #require(locations.first?["physicalLocation"])
        #expect(physical["artifactLocation"]?["uri"] == .string("models/a%20b.onnx"))
        #expect(physical["region"]?["startLine"] == .int(1))
        let logical = try #require(locations.first?["logicalLocations"]?.items, "logical is not an array")
        #expect(logical.first?["name"] == .string("/conv1/Conv,x:y"))
        #expect(logical.first?["fullyQualifiedName"] == .string("/conv1/Conv,x:y"))
        #expect(logical.first?["kind"] == .string("member"))
        let expected = Fingerprint(rule: "LIP001", path: "m", node: "/conv1/Conv,x:y").hash
        #expect(node["partialFingerprints"]?[SarifReporter.fingerprintKey] == .string(expected))
        let output = results[1]
        #expect(output["ruleIndex"] == .int(1))
        #expect(output["level"] == .string("note"))
    }

    @Test func unreadableModelIsAToolNotificationAndTheRunUnsuccessful() throws {
        let invocations = try #require(SarifTestAccess.run(document)["invocations"]?.items, "invocations is not an array")
        #expect(invocations.first?["executionSuccessful"] == .bool(false))
        let notes = try #require(invocations.first?["toolExecutionNotifications"]?.items, "notes is not an array")
        #expect(notes.first?["message"]?["text"] == .string("broken.onnx: truncated"))
        #expect(notes.first?["level"] == .string("error"))
    }

    @Test func artifactPathsAreRelativeToTheRootAndEncoded() {
        #expect(SarifArtifactPath.relative("m/x.onnx", root: "/r", currentDirectory: "/r") == "m/x.onnx")
        #expect(SarifArtifactPath.relative("./m/../x.onnx", root: "/r", currentDirectory: "/r") == "x.onnx")
        #expect(SarifArtifactPath.relative("m/x.onnx", root: "/r", currentDirectory: "/r/sub") == "sub/m/x.onnx")
        #expect(SarifArtifactPath.relative("/r/m/x.onnx", root: "/r/other", currentDirectory: "/") == "../m/x.onnx")
        #expect(SarifArtifactPath.relative("x.onnx", root: "..", currentDirectory: "/r/sub") == "sub/x.onnx")
        #expect(SarifArtifactPath.uri("a b/100%#?é.onnx") == "a%20b/100%25%23%3F%C3%A9.onnx")
    }

    @Test func renderingIsDeterministic() {
        let a = SarifReporter.render(ReporterFixtures.result, catalog: ReporterFixtures.catalog, toolVersion: "1", options: options)
        let b = SarifReporter.render(ReporterFixtures.result, catalog: ReporterFixtures.catalog, toolVersion: "1", options: options)
        #expect(a == b)
        #expect(a.hasPrefix("{\n  \"$schema\": "))
    }
}

/// The single run of a SARIF log.
enum SarifTestAccess {
    static func run(_ log: JSONValue) -> JSONValue {
        if case .array(let runs) = log["runs"], let run = runs.first { return run }
        return .null
    }
}

private extension JSONValue {
    /// The elements when this is an array.
    var items: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
}
