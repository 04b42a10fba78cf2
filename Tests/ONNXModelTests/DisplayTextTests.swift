import ONNXModel
import Testing

/// Untrusted text (node names, paths, attribute strings) shown to a person keeps to one line and sends no
/// terminal escape sequence.
@Suite struct DisplayTextTests {
    @Test func controlCharactersAreEscaped() {
        #expect(DisplayText.escaped("conv\n1") == "conv\\n1")
        #expect(DisplayText.escaped("\u{1B}[2J\u{1B}]0;owned\u{07}") == "\\e[2J\\e]0;owned\\u{7}")
        #expect(DisplayText.escaped("a\rb\tc\u{7F}d\u{9B}e") == "a\\rb\\tc\\u{7F}d\\u{9B}e")
        #expect(DisplayText.escaped("ünïcode/név.0 \\ ok") == "ünïcode/név.0 \\ ok")
    }

    @Test func everyControlScalarIsEscapedAndNothingElse() {
        for value in UInt32(0)...0x2FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let escaped = DisplayText.escaped(text)
            let control = value < 0x20 || (0x7F...0x9F).contains(value)
            #expect((escaped != text) == control, "U+\(String(value, radix: 16))")
            #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func excerptsAreShort() {
        #expect(DisplayText.excerpt(String(repeating: "x", count: 1000)) == String(repeating: "x", count: 60) + "…")
        #expect(DisplayText.excerpt("short") == "short")
        #expect(DisplayText.excerpt("a\nb", limit: 2) == "a\\n…")
    }
}
