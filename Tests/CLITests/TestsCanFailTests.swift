import Foundation
import Testing
import TestSupport

/// No test passes by returning early: a test that cannot run says so with `.enabled(if:)` (a recorded skip),
/// and a precondition is `#require`d. This scans every `@Test` function body under `Tests/` for a bare
/// `{ return }` block (`guard … else { return }`, `if … { return }`).
@Suite struct TestsCanFailTests {
    /// `(file, test name)` of every `@Test` whose body contains a block that only returns.
    static func earlyPasses(in source: String, file: String) -> [String] {
        let code = Array(blankingStrings(source).utf8)
        var found: [String] = []
        var search = code.startIndex
        let marker = Array("@Test".utf8), funcWord = Array("func ".utf8)
        while let at = find(marker, in: code, from: search) {
            search = at + marker.count
            guard let f = find(funcWord, in: code, from: search) else { break }
            let nameEnd = code[(f + funcWord.count)...].firstIndex { $0 == UInt8(ascii: "(") } ?? code.endIndex
            let name = String(decoding: code[(f + funcWord.count)..<nameEnd], as: UTF8.self)
            // The body: the first `{` after the parameter list closes, to its matching `}`.
            var k = nameEnd, depth = 0
            while k < code.endIndex {
                if code[k] == UInt8(ascii: "(") { depth += 1 }
                if code[k] == UInt8(ascii: ")") { depth -= 1 }
                if code[k] == UInt8(ascii: "{"), depth == 0 { break }
                k += 1
            }
            guard k < code.endIndex else { break }
            var end = k, braces = 0
            repeat {
                if code[end] == UInt8(ascii: "{") { braces += 1 }
                if code[end] == UInt8(ascii: "}") { braces -= 1 }
                end += 1
            } while braces > 0 && end < code.endIndex
            let body = String(decoding: code[k..<end], as: UTF8.self)
            if body.contains(/\{\s*return\s*\}/) { found.append("\(file): \(name)") }
            search = end
        }
        return found
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    /// The source with the contents of string literals (plain and multi-line) and comments replaced by spaces,
    /// so that braces inside them do not count.
    static func blankingStrings(_ source: String) -> String {
        var out: [Character] = []
        let chars = Array(source)
        var i = 0
        while i < chars.count {
            if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if chars[i] == "\"" {
                let triple = i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\""
                let close = triple ? 3 : 1
                out.append(" ")
                i += close
                while i < chars.count {
                    if chars[i] == "\\" { i += 2; continue }
                    if chars[i] == "\"", !triple || (i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\"") {
                        i += close
                        break
                    }
                    if !triple, chars[i] == "\n" { break }
                    out.append(chars[i] == "\n" ? "\n" : " ")
                    i += 1
                }
                out.append(" ")
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    @Test func noTestReturnsEarlyAsAPass() throws {
        let root = LiplintProcess.packageRoot.appendingPathComponent("Tests")
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        var scanned = 0, offenders: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let source = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            offenders += Self.earlyPasses(in: source, file: relative)
            scanned += 1
        }
        #expect(scanned > 50)
        #expect(offenders.isEmpty, "tests that return early as a pass (use .enabled(if:) or #require): \(offenders)")
    }

    @Test func theScanFindsEarlyReturnsAndIgnoresStringsAndHelpers() {
        let source = #"""
            func helper() { guard x else { return } }
            @Test(.enabled(if: true)) func fine() throws {
                let s = "{ return }"
                guard let v = y else { Issue.record("y"); return }
                #expect(v)
            }
            @Test func gated() throws {
                guard ProcessInfo.processInfo.environment["X"] == "1" else {
                    return
                }
            }
            @Test(arguments: [1, 2]) func early(_ n: Int) { if n > 1 { return } }
            """#
        #expect(Self.earlyPasses(in: source, file: "f.swift") == ["f.swift: gated", "f.swift: early"])
    }

    /// A child that writes far more than a pipe buffer to standard error before it closes standard output:
    /// reading standard output to its end first, then standard error, would wait forever.
    @Test(.timeLimit(.minutes(1))) func processRunnerDrainsBothPipes() throws {
        let script = "head -c 1000000 /dev/zero | tr '\\0' e >&2; echo out"
        let result = try LiplintProcess.runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: LiplintProcess.packageRoot,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0)
        #expect(result.stdout == "out\n")
        #expect(result.stderr.utf8.count == 1_000_000)
    }
}
