import Foundation
import Testing
import TestSupport

/// End-to-end tests of `liplint diff OLD NEW` on a small chain model and modified copies (`DiffFixtures`).
@Suite struct DiffCommandTests {
    /// A scratch directory holding `base.onnx` and the given variants.
    func scratch(_ variants: [String: DiffFixtures.Chain]) throws -> String {
        let dir = try CheckFixtures.scratch()
        try CheckFixtures.put(dir, "base.onnx", DiffFixtures.Chain().bytes())
        for (name, chain) in variants { try CheckFixtures.put(dir, name, chain.bytes()) }
        return dir
    }

    func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    @Test func scaledWeightsDoubleTheLayerAndTheNetworkBoundAndFail() throws {
        let dir = try scratch(["scaled.onnx": DiffFixtures.Chain(scaleB: 2)])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "scaled.onnx", "--format", "json"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        let doc = try DiffFixtures.json(r)
        let layers = DiffFixtures.layers(doc)
        let b = try #require(layers["b"])
        #expect(b["status"] as? String == "changed" && b["matchedBy"] as? String == "name")
        // ‖2K‖ = 2‖K‖: the certificate of the scaled layer is twice the old one (6 significant digits).
        #expect(abs(try #require(number(b["ratio"])) - 2) < 1e-5)
        #expect(abs(try #require(number(b["after"])) - 2 * (try #require(number(b["before"])))) < 1e-4)
        for name in ["a", "c", "fc"] { #expect(layers[name]?["status"] as? String == "unchanged", "\(name)") }
        // A chain with a Relu (constant 1) and a Flatten: the network bound is the product of the layer
        // certificates, so it doubles too.
        let network = try #require(doc["network"] as? [String: Any])
        #expect(abs(try #require(number(network["ratio"])) - 2) < 1e-5)
        let outputs = try #require(network["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["name"] as? String } == ["y"])
        let product = try ["a", "b", "c", "fc"].reduce(1.0) { $0 * (try #require(number(layers[$1]?["after"]))) }
        #expect(abs(try #require(number(outputs[0]["after"])) / product - 1) < 1e-4)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["LIP014", "LIP014"])
        #expect(findings.map { $0["node"] as? String } == ["b", "y"])
        #expect(findings.map { $0["severity"] as? String } == ["error", "error"])
        #expect((doc["summary"] as? [String: Any])?["failed"] as? Bool == true)
    }

    @Test func textOutputHasTheTableTheFindingsAndTheSummary() throws {
        let dir = try scratch(["scaled.onnx": DiffFixtures.Chain(scaleB: 2)])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "scaled.onnx"], in: dir)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "base.onnx -> scaled.onnx")
        let row = try #require(lines.first { $0.hasPrefix("b ") }).split(separator: " ").map(String.init)
        #expect(row.first == "b" && row[1] == "Conv" && row[4] == "2" && row[5] == "changed")
        #expect(lines.contains { $0.hasPrefix("scaled.onnx: node 'b' (Conv): error: certified spectral norm grew ×2 (") &&
                $0.hasSuffix("more than max-ratio 1.05 [LIP014 lipschitz-growth]") })
        #expect(lines.contains { $0.hasPrefix("scaled.onnx: output 'y': error: network Lipschitz bound grew ×2 (") })
        #expect(lines.last == "4 layers: 1 changed, 3 unchanged, 0 added, 0 removed, 0 unknown; 2 errors, 0 warnings, 0 notes")
    }

    @Test func aRemovedLayerIsRemovedAndAddedTheOtherWayRound() throws {
        let dir = try scratch(["removed.onnx": DiffFixtures.Chain(includeB: false)])
        defer { FileIO.remove(dir) }
        let forward = try DiffFixtures.diff(["base.onnx", "removed.onnx", "--format", "json"], in: dir)
        let doc = try DiffFixtures.json(forward)
        let rows = try #require(doc["layers"] as? [[String: Any]])
        // Listed where it was, between `a` and `c`.
        #expect(rows.map { $0["node"] as? String } == ["a", "b", "c", "fc"])
        #expect(rows.map { $0["status"] as? String } == ["unchanged", "removed", "unchanged", "unchanged"])
        #expect(rows[1]["after"] is NSNull && rows[1]["matchedBy"] is NSNull)
        // Every layer's certificate is above 1 here, so dropping one shrinks the network bound: no finding.
        let before = try #require(number(rows[1]["before"]))
        #expect(before > 1.05)
        #expect(forward.status == 0, "\(forward.stdout)")
        let network = try #require(doc["network"] as? [String: Any])
        #expect(abs(try #require(number(network["ratio"])) * before - 1) < 1e-4)

        let backward = try DiffFixtures.diff(["removed.onnx", "base.onnx", "--format", "json"], in: dir)
        let back = try DiffFixtures.json(backward)
        let b = try #require(DiffFixtures.layers(back)["b"])
        #expect(b["status"] as? String == "added" && b["before"] is NSNull)
        // The added layer is not a finding by itself; the network bound that grew by its factor is.
        let findings = try #require(back["findings"] as? [[String: Any]])
        #expect(findings.map { $0["node"] as? String } == ["y"])
        #expect(backward.status == 1)
    }

    @Test func aRenamedNodeMatchesByPositionAndIsUnchanged() throws {
        let dir = try scratch(["renamed.onnx": DiffFixtures.Chain(names: ["a", "b.renamed", "c", "fc"])])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "renamed.onnx", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try DiffFixtures.json(r)
        let row = try #require(DiffFixtures.layers(doc)["b.renamed"])
        #expect(row["matchedBy"] as? String == "position")
        #expect(row["previousNode"] as? String == "b")
        #expect(row["status"] as? String == "unchanged")
        #expect(DiffFixtures.layers(doc)["b"] == nil)
        #expect((doc["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func identicalModelsAreUnchangedAndPass() throws {
        let dir = try scratch(["copy.onnx": DiffFixtures.Chain()])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "copy.onnx", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try DiffFixtures.json(r)
        let rows = try #require(doc["layers"] as? [[String: Any]])
        #expect(rows.count == 4 && rows.allSatisfy { $0["status"] as? String == "unchanged" && number($0["ratio"]) == 1 })
        let outputs = try #require((doc["network"] as? [String: Any])?["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["status"] as? String } == ["unchanged"])
        // Deterministic: a second run writes the same bytes.
        #expect(try DiffFixtures.diff(["base.onnx", "copy.onnx", "--format", "json"], in: dir).stdout == r.stdout)
    }

    @Test func theConfigurationOfNewCanRaiseMaxRatioOrSwitchTheRuleOff() throws {
        let dir = try scratch([:])
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "pr/scaled.onnx", DiffFixtures.Chain(scaleB: 2).bytes())
        try CheckFixtures.put(dir, "pr/liplint.yml", "rules:\n  lipschitz-growth: {max-ratio: 2.5}\n")
        let raised = try DiffFixtures.diff(["base.onnx", "pr/scaled.onnx"], in: dir)
        #expect(raised.status == 0, "\(raised.stdout)")
        #expect(!raised.stdout.contains("[LIP014"))
        // The file next to NEW applies; a file next to OLD does not.
        try CheckFixtures.put(dir, "liplint.yml", "rules:\n  lipschitz-growth: off\n")
        #expect(try DiffFixtures.diff(["pr/scaled.onnx", "base.onnx"], in: dir).status == 0)
        #expect(try DiffFixtures.diff(["base.onnx", "pr/scaled.onnx", "--config", "liplint.yml"], in: dir).status == 0)
        try CheckFixtures.put(dir, "tight.yml", "rules:\n  LIP014: {max-ratio: 1.9, severity: warning}\n")
        let warned = try DiffFixtures.diff(["base.onnx", "pr/scaled.onnx", "--config", "tight.yml"], in: dir)
        #expect(warned.status == 0 && warned.stdout.contains("warning: certified spectral norm grew"))
        let failing = try DiffFixtures.diff(["base.onnx", "pr/scaled.onnx", "--config", "tight.yml", "--fail-on", "warning"], in: dir)
        #expect(failing.status == 1)
    }

    @Test func markdownIsAPullRequestComment() throws {
        let dir = try scratch(["scaled.onnx": DiffFixtures.Chain(scaleB: 2)])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "scaled.onnx", "--format", "markdown"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("## liplint diff: ❌ failed\n"))
        #expect(r.stdout.contains("| output | before | after | ratio | status |"))
        #expect(r.stdout.contains("| `b` | Conv | "))
        #expect(r.stdout.contains("3 unchanged layers not listed."))
        #expect(r.stdout.contains("- **error** `b`: certified spectral norm grew ×2"))
    }

    @Test func outputFileIsWrittenAndStandardOutputStaysEmpty() throws {
        let dir = try scratch(["copy.onnx": DiffFixtures.Chain()])
        defer { FileIO.remove(dir) }
        let r = try DiffFixtures.diff(["base.onnx", "copy.onnx", "--format", "json", "--output", "report.json"], in: dir)
        #expect(r.status == 0 && r.stdout.isEmpty)
        let text = try String(contentsOfFile: dir + "/report.json", encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"schemaVersion\": 1,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func badInputExitsTwoWithOneLine() throws {
        let dir = try scratch([:])
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "garbage.onnx", [0xFF, 0x13, 0x37, 0x00, 0x42])
        try CheckFixtures.put(dir, "bad.yml", "rules:\n  lipschitz-growth: {max-ratio: 0.5}\n")
        let cases: [([String], String)] = [
            (["base.onnx", "missing.onnx"], "missing.onnx"),
            (["garbage.onnx", "base.onnx"], "garbage.onnx"),
            (["base.onnx", "base.onnx", "--config", "bad.yml"], "bad.yml"),
            (["base.onnx", "base.onnx", "--bounds", "none"], "--bounds none"),
            (["base.onnx"], "new"),
        ]
        for (args, named) in cases {
            let r = try DiffFixtures.diff(args, in: dir)
            #expect(r.status == 2, "\(args)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("liplint: ") && lines[0].contains(named), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
        }
    }

    @Test func sizeSpecificComparesTheEmbeddingCertificates() throws {
        let dir = try scratch(["scaled.onnx": DiffFixtures.Chain(scaleB: 2)])
        defer { FileIO.remove(dir) }
        let r = try LiplintProcess.run(
            ["diff", "base.onnx", "scaled.onnx", "--size-specific", "--format", "json"], in: URL(fileURLWithPath: dir))
        let doc = try DiffFixtures.json(r)
        let options = try #require(doc["options"] as? [String: Any])
        #expect(options["layerBound"] as? String == "embedding" && options["bounds"] as? String == "standard")
        #expect((doc["network"] as? [String: Any])?["boundUsed"] as? String == "embedding")
        #expect(abs(try #require(number(DiffFixtures.layers(doc)["b"]?["ratio"])) - 2) < 1e-5)
        #expect(r.status == 1)
    }
}
