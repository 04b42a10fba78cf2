import Foundation
import Testing
import TestSupport

/// `check --format sarif|github` end to end; the SARIF log validated against the vendored OASIS schema.
@Suite struct CheckSarifTests {
    /// Validates the SARIF file at `path` against `fixtures/sarif-schema/` with Python's `jsonschema`
    /// (installed by scripts/setup.sh); returns the validator's complaint, or `nil` when valid. The schema's
    /// `uri` and `uri-reference` formats are checked as GitHub's upload checks them (a scheme for `uri`, no
    /// white space in either): plain `jsonschema` would skip them without the optional `rfc3987` package.
    static func schemaErrors(_ path: String) throws -> String? {
        let schema = LiplintProcess.packageRoot.appendingPathComponent("fixtures/sarif-schema/sarif-schema-2.1.0.json").path
        let script = """
            import json, re, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            formats = jsonschema.FormatChecker()
            formats.checks("uri")(lambda v: re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*", v) is not None)
            formats.checks("uri-reference")(lambda v: re.fullmatch(r"[^\\s]*", v) is not None)
            validator = jsonschema.Draft4Validator(schema, format_checker=formats)
            errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
            print("\\n".join(f"{list(e.path)}: {e.message}" for e in errors)); sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "python3/jsonschema (run scripts/setup.sh): " + text
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "models/big net.onnx", CheckFixtures.conv(name: "/enc/conv,1:x", scale: 1000))
        try CheckFixtures.put(dir, "models/pad.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        try CheckFixtures.put(dir, "models/broken.onnx", [0x08, 0xFF, 0xFF, 0x12, 0x99])
        try CheckFixtures.put(dir, "liplint.yml", "rules:\n  network-lipschitz-budget: {budget: 10}\n")
        let r = try LiplintProcess.run(
            ["check", "models", "--bounds", "fast", "--format", "sarif", "--output", "out.sarif"],
            in: URL(fileURLWithPath: dir))
        #expect(r.status == 2, "\(r.stderr)")  // the broken model; exit codes are those of every format
        let path = dir + "/out.sarif"
        if let errors = try Self.schemaErrors(path) { Issue.record("\(errors)") }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])["rules"] as? [[String: Any]]
        #expect(rules?.count == 14)
        // Each rule's help.text is exactly what `liplint explain` prints.
        for rule in rules ?? [] {
            let id = try #require(rule["id"] as? String)
            let explain = try LiplintProcess.run(["explain", id])
            #expect((rule["help"] as? [String: Any])?["text"] as? String == explain.stdout, "\(id)")
        }
        let results = try #require(run["results"] as? [[String: Any]])
        let ids = results.compactMap { $0["ruleId"] as? String }
        #expect(ids.contains("LIP001") && ids.contains("LIP002") && ids.contains("LIP011"), "\(ids)")
        let uris = results.compactMap { r in
            ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        }
        #expect(Set(uris) == ["models/big%20net.onnx", "models/pad.onnx"])
        #expect(!text.contains("seconds") && !text.contains("Time"))
    }

    @Test func sarifRootAndDeterminism() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "repo/models/pad.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        let args = ["repo/models/pad.onnx", "--format", "sarif", "--sarif-root", "repo"]
        let a = try CheckFixtures.check(args, in: dir)
        let b = try CheckFixtures.check(args, in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"uri\": \"models/pad.onnx\""))
        #expect(a.stdout.contains("\"ruleId\": \"LIP011\""))
        #expect(!a.stdout.contains("helpUri"))
        try CheckFixtures.put(dir, "a.sarif", a.stdout)
        if let errors = try Self.schemaErrors(dir + "/a.sarif") { Issue.record("\(errors)") }
        let linked = try CheckFixtures.check(args + ["--sarif-docs-base", "https://example.org/liplint/blob/main"], in: dir)
        #expect(linked.stdout.contains("\"helpUri\": \"https://example.org/liplint/blob/main/docs/rules/LIP011-asymmetric-padding.md\""))
        #expect(linked.stdout.contains("\"informationUri\": \"https://example.org/liplint/blob/main/README.md\""))
        try CheckFixtures.put(dir, "b.sarif", linked.stdout)
        if let errors = try Self.schemaErrors(dir + "/b.sarif") { Issue.record("\(errors)") }
        // The check itself catches a relative helpUri.
        try CheckFixtures.put(dir, "c.sarif", linked.stdout.replacingOccurrences(of: "https://example.org/liplint/blob/main/", with: ""))
        #expect(try Self.schemaErrors(dir + "/c.sarif")?.contains("helpUri") == true)
        let relative = try CheckFixtures.check(args + ["--sarif-docs-base", "docs/"], in: dir)
        #expect(relative.status == 2)
        #expect(relative.stderr.contains("--sarif-docs-base must be an absolute URL"))
    }

    @Test func githubFormatAndExitCodes() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m,1.onnx", CheckFixtures.conv(name: "a:b,c", pads: [0, 0, 1, 1]))
        let r = try CheckFixtures.check(["m,1.onnx", "--format", "github", "--fail-on", "note"], in: dir)
        #expect(r.status == 1)
        let misuse = try CheckFixtures.check(["m,1.onnx", "--sarif-root", "."], in: dir)
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("--sarif-root applies to --format sarif only"))
        #expect(r.stdout == "::notice file=m%2C1.onnx,line=1,title=LIP011 asymmetric-padding::node 'a:b,c' (Conv): "
            + "padding is asymmetric: top 0 / bottom 1, left 0 / right 1\n")
    }
}
