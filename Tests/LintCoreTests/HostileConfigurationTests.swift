import Foundation
import LintCore
import LintRules
import Testing
import TestSupport

/// Issue 15, configuration half: YAML anchors refused before composing, `extends` only to presets and YAML
/// files, short escaped excerpts in errors, only regular files read, dangling links reported.
@Suite struct HostileConfigurationTests {
    @Test func anchorsAndAliasesAreRefusedWithTheirLine() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let file = scratch.directory + "/liplint.yml"
        #expect(try scratch.error("fail-on: error\nrules: &r\n  LIP001: off\n")
            == "\(file):2: invalid YAML: anchor '&r': anchors and aliases are not supported in liplint configuration")
        // An alias of an undefined anchor is still an alias (refused before the composer would complain).
        #expect(try scratch.error("fail-on: *level\n")
            == "\(file):1: invalid YAML: alias '*level': anchors and aliases are not supported in liplint configuration")
        // `*` inside a quoted glob is text, not an alias.
        #expect(try scratch.error("overrides:\n  - nodes: [\"*conv\", 'a*b']\n    rules: {LIP001: off}\n") == nil)
    }

    /// 10 levels of 10 aliases: 10¹⁰ nodes once expanded. Refused from the event stream without composing.
    @Test func anAliasBombIsRefusedBeforeComposing() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        var lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...10 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        let message = try #require(try scratch.error(lines.joined(separator: "\n")))
        #expect(message.hasSuffix("liplint.yml:1: invalid YAML: anchor '&l0': anchors and aliases are not supported in liplint configuration"))
    }

    @Test func extendsOnlyReadsYAMLFiles() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let secret = try scratch.write("passwd", "root:x:0:0:root:/root:/bin/bash\n")
        let message = try #require(try scratch.error("extends: \(secret)\n"))
        #expect(message.hasPrefix(scratch.directory + "/liplint.yml:1: extends '"))
        #expect(message.hasSuffix("' is neither a preset (certified, default, strict) nor an existing .yml or .yaml file"))
        #expect(!message.contains("root:x"))
    }

    @Test func aFileThatIsNotConfigurationIsQuotedAsAShortExcerpt() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let line = "root:x:0:0:root:/root:/bin/bash"
        try scratch.write("other.yml", Array(repeating: line, count: 40).joined(separator: "\n") + "\n")
        let message = try #require(try scratch.error("extends: other.yml\n"))
        let got = try #require(message.split(separator: "'", omittingEmptySubsequences: false).dropLast().last)
        #expect(got.count <= 61, "\(message)")
        #expect(got.hasSuffix("…"))
        #expect(!message.contains("\n"))
    }

    @Test func controlCharactersInErrorsAreEscaped() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let message = try #require(try scratch.error("\"bad\\e[31mkey\\nx\": 1\n"))
        #expect(message.contains("unknown key 'bad\\e[31mkey\\nx'"), "\(message)")
        #expect(!message.contains("\u{1B}") && !message.contains("\n"))
    }

    @Test func onlyRegularFilesOfBoundedSizeAreRead() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let loader = ConfigurationLoader(catalog: AllRules.catalog)
        let fifo = scratch.directory + "/fifo.yml"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ConfigurationError.unreadable(file: fifo, reason: "not a regular file but a named pipe (FIFO)")) {
            _ = try loader.load(file: fifo)
        }
        let big = try scratch.write("big.yml", "# " + String(repeating: "x", count: ConfigurationLoader.maximumFileBytes) + "\n")
        #expect(throws: ConfigurationError.self) { _ = try loader.load(file: big) }
        do {
            _ = try loader.load(file: big)
        } catch {
            #expect(error.description.contains("more than the limit of \(ConfigurationLoader.maximumFileBytes)"))
        }
    }

    @Test func aDanglingConfigurationLinkIsFoundAndReported() throws {
        let scratch = try ConfigScratch()
        defer { scratch.remove() }
        let link = scratch.directory + "/liplint.yml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "missing.yml")
        #expect(ConfigurationLoader.discover(from: scratch.directory) == link)
        #expect(throws: ConfigurationError.unreadable(file: link, reason: "a symbolic link to a file that does not exist")) {
            _ = try ConfigurationLoader(catalog: AllRules.catalog).load(file: link)
        }
    }
}
