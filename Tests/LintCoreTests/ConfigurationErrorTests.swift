import LintCore
import Testing

/// Every unknown key, rule, option or preset, and every bad value, is an error naming the file and line.
@Suite struct ConfigurationErrorTests {
    func expectError(_ yaml: String, _ expected: String) throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let message = try #require(try scratch.error(yaml), "no error for:\n\(yaml)")
        #expect(message == "\(scratch.directory)/liplint.yml:\(expected)")
    }

    @Test func unknownTopLevelKey() throws {
        try expectError("fail-on: error\nrulez:\n  x: 1\n", "2: unknown key 'rulez'; did you mean 'rules'? (expected one of: "
            + "extends, fail-on, input-shapes, input-range, network-bound, rules, overrides, exclude)")
    }

    @Test func unknownRule() throws {
        try expectError("rules:\n  layer-spectral-norm: {max: 3}\n  no-such-rule: off\n",
                        "3: unknown rule 'no-such-rule' (see 'liplint rules')")
    }

    @Test func unknownOption() throws {
        try expectError("rules:\n  layer-spectral-norm:\n    severity: error\n    maxx: 3\n",
                        "4: rule 'layer-spectral-norm' has no option 'maxx'; did you mean 'max'? (expected one of: severity, max, bound)")
        try expectError("rules:\n  LIP007: {limit: 3}\n",
                        "2: rule 'non-finite-weights' has no option 'limit' (it has no options besides severity)")
    }

    @Test func unknownPreset() throws {
        try expectError("\n\nextends: certifed\n",
                        "3: extends 'certifed' is neither a preset (certified, default, strict) nor an existing .yml or .yaml file")
    }

    @Test func badValues() throws {
        try expectError("fail-on: sometimes\n", "1: 'fail-on' must be one of error, warning, note, never, got 'sometimes'")
        try expectError("network-bound: exact\n", "1: 'network-bound' must be asymptotic or embedding, got 'exact'")
        try expectError("rules:\n  layer-spectral-norm: {max: big}\n",
                        "2: 'layer-spectral-norm.max' must be a number ≥ 0, got 'big'")
        try expectError("rules:\n  LIP001: {bound: loose}\n",
                        "2: 'layer-spectral-norm.bound' must be one of asymptotic, embedding, exact, got 'loose'")
        try expectError("rules:\n  LIP001: {severity: fatal}\n",
                        "2: 'layer-spectral-norm.severity' must be one of error, warning, note, off, got 'fatal'")
        try expectError("input-shapes:\n  x: [1, 3, -224]\n",
                        "2: 'input-shapes.x' must be a list of positive integers, e.g. [1, 3, 224, 224], got 'a list of 3'")
        try expectError("input-range:\n  x: [1, 0]\n", "2: 'input-range.x' must be [low, high] with low ≤ high, got 'a list of 2'")
    }

    @Test func unknownKeyInOverrides() throws {
        try expectError("overrides:\n  - nodes: [\"a*\"]\n    rule:\n      LIP001: off\n",
                        "3: unknown key 'rule'; did you mean 'rules'? (expected one of: nodes, rules)")
        try expectError("overrides:\n  - nodes: [\"a*\"]\n    rules:\n      LIP999: off\n", "4: unknown rule 'LIP999' (see 'liplint rules')")
    }

    @Test func yamlSyntaxErrorHasALine() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let message = try #require(try scratch.error("rules:\n  a: [1, 2\nfail-on: error\n"))
        #expect(message.hasPrefix("\(scratch.directory)/liplint.yml:"))
        #expect(message.contains("invalid YAML"))
    }

    @Test func errorsInAnExtendedFileNameThatFile() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("base/team.yml", "extends: strict\nrules:\n  bogus: off\n")
        try scratch.write("liplint.yml", "extends: base/team.yml\n")
        #expect(throws: ConfigurationError.unknownRule(file: scratch.directory + "/base/team.yml", line: 3, rule: "bogus")) {
            _ = try scratch.load("liplint.yml")
        }
    }

    @Test func extendsCycleIsAnError() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        try scratch.write("a.yml", "extends: b.yml\n")
        try scratch.write("b.yml", "extends: a.yml\n")
        #expect(throws: ConfigurationError.self) { _ = try scratch.load("a.yml") }
    }
}
