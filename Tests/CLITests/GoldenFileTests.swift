import Foundation
import Testing
import TestSupport

/// Every report format, byte for byte, against the golden files in `fixtures/golden/` (one per line of
/// `cases.txt`). The files are written only by `scripts/update-golden.sh`; a failure here means the output of
/// a format changed: if that was intended, regenerate them and review the diff. Both pin OpenBLAS to its
/// generic x86-64 kernel (`OPENBLAS_CORETYPE=Prescott`), so the last bits of the full-precision JSON figures do
/// not depend on the CPU the tests run on (liplint otherwise picks the kernel from the CPU's features).
@Suite struct GoldenFileTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var exitCode: Int32
        var arguments: [String]
        var description: String { name }
    }

    static let directory = LiplintProcess.packageRoot.appendingPathComponent("fixtures/golden")

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("cases.txt"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard let name = words.first, !name.hasPrefix("#"), words.count >= 3, let code = Int32(words[1]) else {
                return nil
            }
            return Case(name: name, exitCode: code, arguments: Array(words.dropFirst(2)))
        }
    }()

    @Test func everyFormatHasACase() {
        let extensions = Set(Self.cases.map { URL(fileURLWithPath: $0.name).pathExtension })
        #expect(extensions.isSuperset(of: ["txt", "json", "sarif", "github", "gitlab", "md", "html"]), "\(extensions)")
    }

    @Test(arguments: cases)
    func outputEqualsTheGoldenFile(_ c: Case) throws {
        let golden = try Data(contentsOf: Self.directory.appendingPathComponent(c.name))
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["OPENBLAS_CORETYPE"] = "Prescott"
        let r = try LiplintProcess.run(c.arguments, environment: environment)
        #expect(r.status == c.exitCode, "stderr: \(r.stderr)")
        let actual = Data(r.stdout.utf8)
        if actual != golden {
            let expectedLines = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  golden: \($0.element.0)\n  now:    \($0.element.1)" }
                ?? "line counts differ: golden \(expectedLines.count), now \(actualLines.count)"
            Issue.record("\(c.name) differs from its golden file at \(where_)\n(intended? run scripts/update-golden.sh and review the diff)")
        }
    }
}
