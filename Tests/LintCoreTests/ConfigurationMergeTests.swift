import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// Presets, `extends:` chains, command-line settings and the origin of every value.
@Suite struct ConfigurationMergeTests {
    let catalog = AllRules.catalog
    var lsn: RuleDescriptor { catalog.descriptor(named: "layer-spectral-norm")! }

    @Test func networkBoundDefaultsToAsymptoticAndCanBeEmbedding() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("base.yml", "fail-on: error\n")
        #expect(try scratch.load("base.yml").networkBound.value == .asymptotic)
        try scratch.write("liplint.yml", "extends: base.yml\nnetwork-bound: embedding\n")
        let c = try scratch.load("liplint.yml")
        #expect(c.networkBound.value == .embedding)
        #expect(c.networkBound.origin == .file(path: scratch.directory + "/liplint.yml", line: 2))
    }

    @Test func theIssueExampleLoads() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("liplint.yml", """
            extends: certified            # preset name from rules/, or a path
            fail-on: warning
            input-shapes:
              x: [1, 3, 224, 224]
            rules:
              layer-spectral-norm: {severity: error, max: 1.05, bound: asymptotic}
              asymmetric-padding: off
            overrides:
              - nodes: ["backbone.*", "Conv.1?"]
                rules:
                  layer-spectral-norm: {max: 2.0}
            """)
        let c = try scratch.load("liplint.yml")
        #expect(c.sources.map(\.description) == ["rules/default.yml", "rules/strict.yml", "rules/certified.yml",
                                                 scratch.directory + "/liplint.yml"])
        #expect(c.failOn.value == .warning)
        #expect(c.inputShapeValues == ["x": [1, 3, 224, 224]])
        let r = SettingResolver(descriptor: lsn, configuration: c)
        #expect(r.options(for: "head")["max"] == .number(1.05))
        #expect(r.options(for: "backbone.layer1.conv")["max"] == .number(2))
        #expect(r.options(for: "Conv.12")["max"] == .number(2))
        #expect(r.options(for: "Conv.123")["max"] == .number(1.05))
        #expect(r.severity(for: "Conv.12") == .error)
        #expect(r.settings(for: nil).options["max"]?.origin == .file(path: scratch.directory + "/liplint.yml", line: 6))
        #expect(r.settings(for: nil).options["bound"]?.origin == .file(path: scratch.directory + "/liplint.yml", line: 6))
        let padding = SettingResolver(descriptor: catalog.descriptor(named: "LIP011")!, configuration: c)
        #expect(!padding.isEnabled(for: "x"))
        // From the certified preset, untouched by the file:
        let bn = SettingResolver(descriptor: catalog.descriptor(named: "batchnorm-scale")!, configuration: c)
        #expect(bn.options(for: nil)["max"] == .number(1.001))
        #expect(bn.settings(for: nil).options["max"]?.origin == .preset(name: "certified", line: 17))
    }

    @Test func noFileMeansTheDefaultPreset() throws {
        let c = try ConfigurationLoader(catalog: catalog).defaultConfiguration()
        #expect(c.sources == [.preset("default")])
        #expect(c.failOn.value == .error)
    }

    @Test func defaultPresetRestatesEveryRuleDefault() throws {
        let c = try ConfigurationLoader(catalog: catalog).defaultConfiguration()
        for d in catalog.descriptors {
            let settings = try #require(c.rules[d.id], "\(d.id) missing from rules/default.yml")
            if settings.enabled?.value == false {
                // The one rule the preset switches off (it needs the Lanczos figure of every conv).
                #expect(d.id.name == "circulant-underestimates", "\(d.id) is off in rules/default.yml")
            } else {
                #expect(settings.severity?.value == d.defaultSeverity, "\(d.id)")
            }
            for spec in d.options {
                #expect(settings.options[spec.name]?.value == spec.defaultValue, "\(d.id) \(spec.name)")
            }
        }
    }

    @Test func everyPresetLoads() throws {
        let loader = ConfigurationLoader(catalog: catalog)
        for name in Presets.names {
            let scratch = try ConfigScratch()
            defer { scratch.remove() }
            try scratch.write("liplint.yml", "extends: \(name)\n")
            _ = try loader.load(file: scratch.directory + "/liplint.yml")
        }
        #expect(Presets.names == ["certified", "default", "strict"])
    }

    @Test func commandLineWins() throws {
        let base = try ConfigurationLoader(catalog: catalog).defaultConfiguration()
        let c = try CommandLineSettings(failOn: .never, select: ["LIP001,dead-filters"], ignore: ["LIP008"],
                                        inputShapes: ["x": [1, 3, 8, 8]]).apply(to: base, catalog: catalog)
        #expect(c.failOn == Located(.never, .commandLine("--fail-on")))
        #expect(SettingResolver(descriptor: lsn, configuration: c).isEnabledAnywhere)
        #expect(!SettingResolver(descriptor: catalog.descriptor(named: "LIP008")!, configuration: c).isEnabledAnywhere)
        #expect(!SettingResolver(descriptor: catalog.descriptor(named: "LIP011")!, configuration: c).isEnabledAnywhere)
        #expect(throws: ConfigurationError.unknownRuleOnCommandLine(option: "--select", rule: "LIP777")) {
            _ = try CommandLineSettings(select: ["LIP777"]).apply(to: base, catalog: catalog)
        }
    }

    @Test func overrideCanEnableARuleThatIsOffGlobally() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("liplint.yml", """
            rules:
              layer-spectral-norm: off
            overrides:
              - nodes: head
                rules:
                  layer-spectral-norm: {severity: error, max: 1}
            """)
        let r = SettingResolver(descriptor: lsn, configuration: try scratch.load("liplint.yml"))
        #expect(r.isEnabledAnywhere)
        #expect(!r.isEnabled(for: "body"))
        #expect(r.isEnabled(for: "head") && r.severity(for: "head") == .error)
    }

    @Test func discoveryWalksUpAndPrefersLiplintYml() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write(".liplint.yml", "fail-on: note\n")
        try FileManager.default.createDirectory(atPath: scratch.directory + "/a/b", withIntermediateDirectories: true)
        #expect(ConfigurationLoader.discover(from: scratch.directory + "/a/b") == scratch.directory + "/.liplint.yml")
        try scratch.write("a/liplint.yml", "fail-on: warning\n")
        try scratch.write("a/.liplint.yml", "fail-on: never\n")
        #expect(ConfigurationLoader.discover(from: scratch.directory + "/a/b") == scratch.directory + "/a/liplint.yml")
    }

    @Test func excludeGlobsAreRelativeToTheirFile() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("liplint.yml", "exclude: [\"legacy/**\", \"*.quant.onnx\"]\n")
        let c = try scratch.load("liplint.yml")
        let root = PathText.absolute(scratch.directory)
        #expect(c.excludes(path: root + "/legacy/old.onnx"))
        #expect(c.excludes(path: root + "/legacy/deep/er/old.onnx"))
        #expect(c.excludes(path: root + "/models/m.quant.onnx"))
        #expect(!c.excludes(path: root + "/models/m.onnx"))
        #expect(!c.excludes(path: root + "/models/legacy.onnx"))
    }
}
