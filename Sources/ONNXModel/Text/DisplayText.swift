/// Text from files (node names, attribute strings, external-data locations, paths, configuration values)
/// made safe to show a person: every control character is written as an escape, so that a name cannot
/// start a new line in a one-line message or annotation, or send a terminal escape sequence.
///
/// The one place that decides how untrusted text is shown in human-facing output (text, markdown, GitHub,
/// GitLab, SARIF messages, `ModelError` and every other error line).
/// JSON output is escaped by its encoder and is not routed here.
public enum DisplayText {
    /// `text` with C0 controls, DEL and C1 controls (U+0080–U+009F) escaped: `\n`, `\r`, `\t`, `\e` for
    /// ESC, `\u{XX}` for the others; a backslash stays as it is. Text without controls is returned unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// At most `limit` characters of `text`, escaped, with `…` when cut: for quoting a value from a file
    /// that may be anything (a whole `/etc/passwd` given where a preset name was expected).
    public static func excerpt(_ text: String, limit: Int = 60) -> String {
        let cut = text.count > limit
        let head = cut ? String(text.prefix(limit)) : text
        return escaped(head) + (cut ? "…" : "")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
