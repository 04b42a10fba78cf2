import Foundation
import Testing
import TestSupport

/// Exit codes, the compiler-style line format, JSON output, colour and unreadable models, end to end.
@Suite struct CheckExitCodeTests {
    @Test func findingsBelowFailOnExitZeroAndAtOrAboveExitOne() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "models/pad.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        let r = try CheckFixtures.check(["models/pad.onnx"], in: dir)
        #expect(r.status == 0)
        #expect(CheckFixtures.findings(r) == [
            "models/pad.onnx: node 'conv0' (Conv): note: padding is asymmetric: top 0 / bottom 1, left 0 / right 1 [LIP011 asymmetric-padding]",
        ])
        // Piped: no run time, so the same models give the same bytes; --timestamps adds it.
        #expect(CheckFixtures.summary(r) == "1 model, 1 layer: 0 errors, 0 warnings, 1 note")
        let timed = try CheckFixtures.check(["models/pad.onnx", "--timestamps"], in: dir)
        #expect(CheckFixtures.summary(timed).hasPrefix("1 model, 1 layer: 0 errors, 0 warnings, 1 note in "))
        #expect(CheckFixtures.summary(timed).hasSuffix(" s"))
        #expect(try CheckFixtures.check(["models/pad.onnx", "--fail-on", "note"], in: dir).status == 1)
        #expect(try CheckFixtures.check(["models/pad.onnx", "--fail-on", "warning"], in: dir).status == 0)
    }

    @Test func spectralNormFindingFromRealFigures() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "big.onnx", CheckFixtures.conv(scale: 1000))
        try CheckFixtures.put(dir, "strict.yml", "rules:\n  layer-spectral-norm: {severity: error, max: 100}\n")
        let r = try LiplintProcess.run(
            ["check", "big.onnx", "--bounds", "fast", "--config", "strict.yml", "--select", "LIP001"],
            in: URL(fileURLWithPath: dir))
        #expect(r.status == 1, "\(r.stderr)")
        let line = try #require(CheckFixtures.findings(r).first)
        #expect(line.hasPrefix("big.onnx: node 'conv0' (Conv): error: certified spectral norm "))
        #expect(line.hasSuffix(" exceeds 100 [LIP001 layer-spectral-norm]"))
    }

    @Test func networkBudgetAndBlockingOps() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "big.onnx", CheckFixtures.conv(scale: 1000))
        try CheckFixtures.put(dir, "square.onnx", CheckFixtures.square())
        try CheckFixtures.put(dir, "liplint.yml", "rules:\n  network-lipschitz-budget: {budget: 10, require-known: true}\n")
        let r = try LiplintProcess.run(
            ["check", "big.onnx", "square.onnx", "--bounds", "fast", "--select", "LIP002,LIP003"],
            in: URL(fileURLWithPath: dir))
        #expect(r.status == 1, "\(r.stderr)")
        let lines = CheckFixtures.findings(r)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("big.onnx: output 'y': error: network Lipschitz bound ") == true)
        #expect(lines.first?.hasSuffix("exceeds the budget 10 (critical path: conv0 ×\(lines.first?.split(separator: "×").last ?? "")") == true)
        #expect(lines.contains { $0.hasPrefix("square.onnx: node 'sq' (Mul): warning: blocks the network Lipschitz bound of output 'y': ") })
        #expect(lines.contains { $0.hasPrefix("square.onnx: output 'y': error: network Lipschitz bound is unknown: blocked by 'sq' (Mul)") })
    }

    @Test func errorsFailByDefaultUnlessFailOnNever() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "nan.onnx", CheckFixtures.conv(nan: true))
        let r = try CheckFixtures.check(["nan.onnx"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty)
        #expect(CheckFixtures.findings(r) == [
            "nan.onnx: node 'conv0' (Conv): error: weight 'w' has 1 non-finite value (NaN or ±Inf) of 36 [LIP007 non-finite-weights]",
        ])
        #expect(try CheckFixtures.check(["nan.onnx", "--fail-on", "never"], in: dir).status == 0)
        #expect(try CheckFixtures.check(["nan.onnx", "--ignore", "non-finite-weights"], in: dir).status == 0)
        #expect(try CheckFixtures.check(["nan.onnx", "--select", "LIP011,LIP008"], in: dir).status == 0)
    }

    @Test func unreadableModelExitsTwoButReadableOnesAreReported() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "a/good.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        try CheckFixtures.put(dir, "a/broken.onnx", [0x08, 0xFF, 0xFF, 0x12, 0x99])
        let r = try CheckFixtures.check(["a", "missing.onnx"], in: dir)
        #expect(r.status == 2)
        #expect(CheckFixtures.findings(r).count == 1)
        #expect(CheckFixtures.findings(r).first?.hasPrefix("a/good.onnx: node 'conv0'") == true)
        #expect(CheckFixtures.summary(r).contains("3 models, 1 layer: 0 errors, 0 warnings, 1 note (2 unreadable)"))
        let errors = r.stderr.split(separator: "\n")
        #expect(errors.count == 2, "\(r.stderr)")
        #expect(errors.contains { $0.hasPrefix("liplint: ") && $0.contains("broken.onnx") })
        #expect(errors.contains { $0.contains("missing.onnx") })
    }

    @Test func usageErrorsExitTwoWithOneLine() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        for args in [["--select", "LIP999"], ["--fail-on", "sometimes"], ["--baseline", "nope.json"], []] {
            let r = try CheckFixtures.check(args + (args.isEmpty ? [] : ["m.onnx"]), in: dir)
            #expect(r.status == 2, "\(args): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }

    @Test func jsonReportCarriesFindingsAndTheAnalysis() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1], deadChannel: true))
        let r = try CheckFixtures.check(["m.onnx", "--format", "json"], in: dir)
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let models = try #require(json["models"] as? [[String: Any]])
        let findings = try #require(models.first?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["LIP008", "LIP011"])
        let dead = findings[0]
        #expect(dead["name"] as? String == "dead-filters")
        #expect(dead["severity"] as? String == "warning")
        #expect(dead["node"] as? String == "conv0")
        #expect(dead["nodeIndex"] as? Int == 0)
        #expect(dead["op"] as? String == "Conv")
        #expect(dead["value"] as? Double == 1)
        #expect(dead["threshold"] as? Double == 1e-8)
        #expect((dead["fingerprint"] as? String)?.count == 16)
        // The inspect fields sit directly in the model entry.
        let model = try #require(models.first)
        #expect((model["layers"] as? [Any])?.count == 1)
        #expect((model["sha256"] as? String)?.count == 64)
        #expect(model.keys.contains("network") && model.keys.contains("unsupported"))  // null with --bounds none
        let summary = try #require(json["summary"] as? [String: Any])
        let counts = try #require(summary["findings"] as? [String: Int])
        #expect(counts == ["error": 0, "warning": 1, "note": 1])
        #expect(summary["failed"] as? Bool == false)
        #expect(summary["seconds"] == nil && summary["startedAt"] == nil)
    }

    @Test func outputFileReceivesTheReport() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "nan.onnx", CheckFixtures.conv(nan: true))
        let r = try CheckFixtures.check(["nan.onnx", "--format", "json", "--output", "out/report.json"], in: dir)
        #expect(r.status == 2)  // the directory does not exist: a usage error, one line
        #expect(r.stderr.contains("out/report.json: cannot write report"))
        let ok = try CheckFixtures.check(["nan.onnx", "--format", "json", "--output", "report.json"], in: dir)
        #expect(ok.status == 1)
        #expect(ok.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/report.json")))
        #expect((((json as? [String: Any])?["summary"] as? [String: Any])?["findings"] as? [String: Int])?["error"] == 1)
    }

    @Test(.enabled(if: LiplintProcess.terminalAvailable, "needs script(1) from bsdutils (scripts/setup.sh installs it)")) func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        let piped = try CheckFixtures.check(["m.onnx"], in: dir)
        #expect(!piped.stdout.contains("\u{1B}["))
        func underTerminal(_ environment: [String: String]) throws -> String {
            try LiplintProcess.runUnderTerminal(
                ["check", "m.onnx", "--bounds", "none", "--quiet"], in: URL(fileURLWithPath: dir), environment: environment)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        let coloured = try underTerminal(environment)
        #expect(coloured.contains("\u{1B}[1;36mnote\u{1B}[0m"))
        environment["NO_COLOR"] = "1"
        let plain = try underTerminal(environment)
        #expect(plain.contains("note: padding is asymmetric"))
        #expect(!plain.contains("\u{1B}["))
    }

    @Test func rulesAndExplain() throws {
        let rules = try LiplintProcess.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("LIP001  layer-spectral-norm  [warning]"))
        #expect(rules.stdout.contains("options: max (100), bound (asymptotic)"))
        for name in ["LIP001", "lip001", "layer-spectral-norm"] {
            let explain = try LiplintProcess.run(["explain", name])
            #expect(explain.status == 0)
            #expect(explain.stdout.hasPrefix("LIP001 layer-spectral-norm\ndefault severity: warning\n"))
            #expect(explain.stdout.contains("[LIP001 layer-spectral-norm]"))
        }
        let unknown = try LiplintProcess.run(["explain", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "liplint: unknown rule 'nope' (see 'liplint rules')\n")
    }
}
