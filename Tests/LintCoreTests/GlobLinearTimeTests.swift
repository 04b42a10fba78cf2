import Foundation
import LintCore
import Testing
import TestSupport

/// The glob matcher runs in O(pattern × text) and agrees with independent oracles: `fnmatch(3)` (node globs,
/// where `*` crosses `/`; path globs without `**`, with `FNM_PATHNAME`) and a regular expression translated
/// from the documented rules (every pattern) on random small patterns and texts.
@Suite struct GlobLinearTimeTests {
    /// The documented semantics as a regular expression: `*` any run (within a segment for paths), `**` any
    /// run, `**/` also no segment, `?` one character (not `/` for paths).
    static func regexOracle(_ pattern: String, _ text: String, crosses: Bool) -> Bool {
        let p = Array(pattern)
        var regex = "^"
        var i = 0
        while i < p.count {
            if p[i] == "*" {
                var k = i
                while k < p.count, p[k] == "*" { k += 1 }
                if k - i >= 2 {
                    if k < p.count, p[k] == "/" {
                        regex += "(?:.*/)?"
                        k += 1
                    } else {
                        regex += ".*"
                    }
                } else {
                    regex += crosses ? ".*" : "[^/]*"
                }
                i = k
                continue
            }
            regex += p[i] == "?" ? (crosses ? "." : "[^/]") : NSRegularExpression.escapedPattern(for: String(p[i]))
            i += 1
        }
        regex += "$"
        let expression = try! NSRegularExpression(pattern: regex, options: [.dotMatchesLineSeparators])
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func random(_ alphabet: [Character], _ length: Int, _ g: inout SeededGenerator) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &g)! })
    }

    @Test func nodeGlobsAgreeWithFnmatchAndTheRegexOracle() {
        var g = SeededGenerator(seed: 15)
        for _ in 0..<3000 {
            let pattern = Self.random(["a", "b", "/", "*", "?", "."], Int.random(in: 0...7, using: &g), &g)
            let text = Self.random(["a", "b", "/", "."], Int.random(in: 0...9, using: &g), &g)
            let matched = Glob(node: pattern).matches(text)
            #expect(matched == (fnmatch(pattern, text, FNM_NOESCAPE) == 0), "node '\(pattern)' vs '\(text)'")
            #expect(matched == Self.regexOracle(pattern, text, crosses: true), "node '\(pattern)' vs '\(text)'")
        }
    }

    @Test func pathGlobsAgreeWithTheOracles() {
        var g = SeededGenerator(seed: 14)
        for _ in 0..<3000 {
            // Patterns with `/` match the whole path; those without, the file name (the last segment).
            let pattern = "/" + Self.random(["a", "b", "/", "*", "?"], Int.random(in: 0...7, using: &g), &g)
            let text = "/" + Self.random(["a", "b", "/"], Int.random(in: 0...9, using: &g), &g)
            let matched = Glob(path: pattern).matches(text)
            #expect(matched == Self.regexOracle(pattern, text, crosses: false), "path '\(pattern)' vs '\(text)'")
            if !pattern.contains("**") {
                #expect(matched == (fnmatch(pattern, text, FNM_NOESCAPE | FNM_PATHNAME) == 0),
                        "path '\(pattern)' vs '\(text)'")
            }
        }
    }

    /// `*a*a*…*a*b` against `aaa…a` makes a backtracking matcher try every way to place the stars: about
    /// C(4000, 20) attempts. The state-set matcher reads the name once per pattern position.
    @Test func starHeavyPatternsDoNotBacktrack() {
        let name = String(repeating: "a", count: 4000)
        let pattern = String(repeating: "*a", count: 20) + "*b"
        #expect(!Glob(node: pattern).matches(name))
        #expect(!Glob(path: "**/" + pattern).matches("dir/" + name))
        #expect(Glob(node: pattern).matches(name + "b"))
    }
}
