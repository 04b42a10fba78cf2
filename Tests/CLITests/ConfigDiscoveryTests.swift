import Foundation
import Testing
import TestSupport

/// Configuration end to end: discovery walking up from each model, `--config`, `extends`, overrides,
/// exclude, metadata suppression, `--show-config`, and errors with file and line.
@Suite struct ConfigDiscoveryTests {
    @Test func eachModelUsesTheNearestConfiguration() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "liplint.yml", "rules:\n  asymmetric-padding: error\n")
        try CheckFixtures.put(dir, "team/.liplint.yml", "rules:\n  asymmetric-padding: off\n")
        try CheckFixtures.put(dir, "top.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        try CheckFixtures.put(dir, "team/deep/m.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        let r = try CheckFixtures.check(["."], in: dir)
        #expect(r.status == 1)
        #expect(CheckFixtures.findings(r) == [
            "./top.onnx: node 'conv0' (Conv): error: padding is asymmetric: top 0 / bottom 1, left 0 / right 1 [LIP011 asymmetric-padding]",
        ])
        // Discovery starts at the model's directory, not the working directory.
        let fromTeam = try CheckFixtures.check(["../top.onnx", "deep/m.onnx"], in: dir + "/team")
        #expect(fromTeam.status == 1)
        #expect(CheckFixtures.findings(fromTeam).count == 1)
    }

    @Test func configOptionReplacesDiscovery() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "liplint.yml", "rules:\n  asymmetric-padding: error\n")
        try CheckFixtures.put(dir, "ci/lenient.yml", "fail-on: never\n")
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(pads: [0, 0, 1, 1]))
        #expect(try CheckFixtures.check(["m.onnx"], in: dir).status == 1)
        let r = try CheckFixtures.check(["m.onnx", "--config", "ci/lenient.yml"], in: dir)
        #expect(r.status == 0)
        #expect(CheckFixtures.findings(r).first?.contains(": note: ") == true)
    }

    @Test func inputShapesFromFilesApplyOnlyToModelsWithThatInput() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        try CheckFixtures.put(dir, "liplint.yml", "input-shapes:\n  image: [1, 3, 64, 64]\n")
        #expect(try CheckFixtures.check(["m.onnx"], in: dir).status == 0)
        let r = try CheckFixtures.check(["m.onnx", "--input-shape", "image=1x3x64x64"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("input shape given for 'image', but the model's inputs are: x"), "\(r.stderr)")
    }

    @Test func extendsAPresetAndAPath() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv(deadChannel: true))
        #expect(try CheckFixtures.check(["m.onnx"], in: dir).status == 0)  // default: a warning does not fail
        try CheckFixtures.put(dir, "liplint.yml", "extends: strict\n")
        let strict = try CheckFixtures.check(["m.onnx"], in: dir)
        #expect(strict.status == 1)
        #expect(CheckFixtures.findings(strict).first?.contains(": error: 1 of 2 output channels") == true)
        try CheckFixtures.put(dir, "shared/base.yml", "extends: default\nfail-on: warning\n")
        try CheckFixtures.put(dir, "liplint.yml", "extends: shared/base.yml\n")
        let viaPath = try CheckFixtures.check(["m.onnx"], in: dir)
        #expect(viaPath.status == 1)
        #expect(CheckFixtures.findings(viaPath).first?.contains(": warning: 1 of 2 output channels") == true)
    }

    @Test func overridesByNodeGlob() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.chain(3))
        try CheckFixtures.put(dir, "liplint.yml", """
            rules:
              asymmetric-padding: warning
            overrides:
              - nodes: ["block1.*"]
                rules:
                  asymmetric-padding: off
              - nodes: ["block2.conv"]
                rules:
                  asymmetric-padding: {severity: error}
            """)
        let r = try CheckFixtures.check(["m.onnx"], in: dir)
        #expect(r.status == 1)
        let lines = CheckFixtures.findings(r)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("m.onnx: node 'block0.conv' (Conv): warning: "))
        #expect(lines[1].hasPrefix("m.onnx: node 'block2.conv' (Conv): error: "))
    }

    @Test func excludedPathsAreNotLinted() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "liplint.yml", "exclude: [\"legacy/**\", \"*.skip.onnx\"]\n")
        try CheckFixtures.put(dir, "legacy/old/nan.onnx", CheckFixtures.conv(nan: true))
        try CheckFixtures.put(dir, "models/nan.skip.onnx", CheckFixtures.conv(nan: true))
        try CheckFixtures.put(dir, "models/ok.onnx", CheckFixtures.conv())
        let r = try CheckFixtures.check(["."], in: dir)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(CheckFixtures.summary(r).hasPrefix("1 model, 1 layer: 0 errors"))
    }

    @Test func modelMetadataSuppressesFindings() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "all.onnx", CheckFixtures.conv(nan: true, metadata: [("liplint:ignore", "non-finite-weights")]))
        try CheckFixtures.put(dir, "node.onnx", CheckFixtures.conv(nan: true, metadata: [("liplint:ignore", "LIP007@conv?")]))
        try CheckFixtures.put(dir, "other.onnx", CheckFixtures.conv(nan: true, metadata: [("liplint:ignore", "LIP007@head")]))
        let r = try CheckFixtures.check(["all.onnx", "node.onnx", "other.onnx"], in: dir)
        #expect(r.status == 1)
        #expect(CheckFixtures.findings(r).map { String($0.prefix { $0 != ":" }) } == ["other.onnx"])
    }

    @Test func unknownKeysAreErrorsWithFileAndLine() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "m.onnx", CheckFixtures.conv())
        let cases: [(String, String)] = [
            ("fail-on: error\n\nrulez: {}\n", "liplint.yml:3: unknown key 'rulez'; did you mean 'rules'?"),
            ("rules:\n  layer-spectral-norm: {maximum: 3}\n", "liplint.yml:2: rule 'layer-spectral-norm' has no option 'maximum'"),
            ("rules:\n  LIP001: off\n  spectral-norm: off\n", "liplint.yml:3: unknown rule 'spectral-norm'"),
            ("extends: strictest\n", "liplint.yml:1: extends 'strictest' is neither a preset"),
        ]
        for (yaml, expected) in cases {
            try CheckFixtures.put(dir, "liplint.yml", yaml)
            let r = try CheckFixtures.check(["m.onnx"], in: dir)
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(r.stderr.hasPrefix("liplint: ") && r.stderr.contains(expected), "\(r.stderr)")
        }
    }

    @Test func showConfigPrintsWhereEachValueCameFrom() throws {
        let dir = try CheckFixtures.scratch()
        defer { FileIO.remove(dir) }
        try CheckFixtures.put(dir, "liplint.yml", """
            extends: certified
            input-shapes:
              x: [1, 3, 32, 32]
            rules:
              layer-spectral-norm: {max: 1.05}
            """)
        let r = try LiplintProcess.run(["check", "--show-config", "--fail-on", "note"], in: URL(fileURLWithPath: dir))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression) }
        let file = PathText(dir).resolved + "/liplint.yml"
        #expect(lines.contains("fail-on: note # command line --fail-on"))
        #expect(lines.contains(" x: [1, 3, 32, 32] # \(file):3"))
        #expect(lines.contains(" layer-spectral-norm: # LIP001"))
        #expect(lines.contains(" severity: error # preset certified (rules/certified.yml:14)"))
        #expect(lines.contains(" max: 1.05 # \(file):5"))
        #expect(lines.contains(" bound: asymptotic # preset certified (rules/certified.yml:14)"))
        // The line of `dead-filters` in the shipped preset, read from the file rather than restated here.
        let preset = try String(contentsOf: LiplintProcess.packageRoot.appendingPathComponent("rules/default.yml"), encoding: .utf8)
        let deadFilters = try #require(preset.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  dead-filters:") }) + 1
        #expect(lines.contains(" epsilon: 1e-08 # preset default (rules/default.yml:\(deadFilters))"))

        // For a directory, discovery starts in it.
        try CheckFixtures.put(dir, "sub/liplint.yml", "fail-on: never\n")
        let sub = try LiplintProcess.run(["check", "--show-config", "sub"], in: URL(fileURLWithPath: dir))
        #expect(sub.stdout.contains("fail-on: never"), "\(sub.stdout)")
        let model = try LiplintProcess.run(["check", "--show-config", "sub/m.onnx"], in: URL(fileURLWithPath: dir))
        #expect(model.stdout.contains("fail-on: never"), "\(model.stdout)")
    }
}

/// The directory as the configuration loader names it (symlinks such as /tmp are kept as given).
struct PathText {
    var path: String
    init(_ path: String) { self.path = path }
    var resolved: String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
