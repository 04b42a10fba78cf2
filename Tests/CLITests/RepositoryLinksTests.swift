import Foundation
import Testing
import TestSupport

/// The repository stands alone: every `docs/spectral-methods §N` cited in the sources, tests and docs names a
/// section of docs/spectral-methods.md, every relative link of README.md and docs/*.md names a file of the
/// repository, and nothing names `../shared`.
@Suite struct RepositoryLinksTests {
    static let root = LiplintProcess.packageRoot

    static func files(under folder: String, suffixes: [String]) -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [URL] = []
        while let relative = walker.nextObject() as? String {
            if suffixes.contains(where: relative.hasSuffix) { out.append(base.appendingPathComponent(relative)) }
        }
        return out
    }

    static var textFiles: [URL] {
        files(under: "Sources", suffixes: [".swift"]) + files(under: "Tests", suffixes: [".swift"])
            + files(under: "docs", suffixes: [".md"]) + files(under: "scripts", suffixes: [".sh"])
            + [root.appendingPathComponent("README.md"), root.appendingPathComponent("Makefile")]
    }

    @Test func everyCitedSectionExists() throws {
        let spec = try String(contentsOf: Self.root.appendingPathComponent("docs/spectral-methods.md"), encoding: .utf8)
        let sections = Set(spec.matches(of: #/\n## (\d+)\. /#).map { Int($0.output.1)! })
        let subsections = Set(spec.matches(of: #/\n### (\d+\.\d+) /#).map { String($0.output.1) })
        var cited = 0
        for file in Self.textFiles {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /spectral-methods §(\d+)\.(\d+)/) {
                let subsection = "\(match.output.1).\(match.output.2)"
                #expect(subsections.contains(subsection), "\(file.lastPathComponent) cites §\(subsection)")
            }
            for match in text.matches(of: /spectral-methods §(\d+)(?:[–-]§?(\d+))?/) {
                let first = Int(match.output.1)!, last = match.output.2.map { Int($0)! } ?? first
                for n in first...last {
                    #expect(sections.contains(n), "\(file.lastPathComponent) cites §\(n)")
                    cited += 1
                }
            }
        }
        #expect(cited > 30)
    }

    @Test func relativeLinksResolveInsideTheRepository() throws {
        let documents = [Self.root.appendingPathComponent("README.md")] + Self.files(under: "docs", suffixes: [".md"])
        var checked = 0
        for document in documents {
            let text = try String(contentsOf: document, encoding: .utf8)
            for match in text.matches(of: /\]\(([^)#\s]+)(#[^)]*)?\)/) {
                let target = String(match.output.1)
                guard !target.contains("://"), !target.hasPrefix("mailto:") else { continue }
                let url = document.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: url.path), "\(document.lastPathComponent) links \(target)")
                #expect(url.path.hasPrefix(Self.root.standardizedFileURL.path), "\(target) leaves the repository")
                checked += 1
            }
        }
        #expect(checked > 5)
    }

    @Test func nothingNamesTheSharedFolderBesideTheClone() throws {
        // The two files that name it to say it is not needed: this test and the script that proves it.
        let exempt: Set<String> = ["RepositoryLinksTests.swift", "standalone-test.sh"]
        for file in Self.textFiles where !exempt.contains(file.lastPathComponent) {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("../shared"), "\(file.path) names ../shared")
        }
    }
}
