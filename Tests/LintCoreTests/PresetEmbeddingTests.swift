import Foundation
import LintCore
import Testing
import TestSupport

/// The presets compiled into the binary are byte for byte the files in `rules/`
/// (regenerate with `scripts/embed-presets.sh`).
@Suite struct PresetEmbeddingTests {
    @Test func embeddedPresetsEqualTheFiles() throws {
        let dir = LiplintProcess.packageRoot.appendingPathComponent("rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == Presets.names)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(Presets.text(named: String(file.dropLast(4))) == text,
                    "rules/\(file) differs from the embedded copy: run scripts/embed-presets.sh")
        }
    }

    @Test func everyPresetIsDocumentedAtItsTop() throws {
        for name in Presets.names {
            let text = try #require(Presets.text(named: name))
            #expect(text.hasPrefix("# liplint preset \"\(name)\""))
        }
    }
}
