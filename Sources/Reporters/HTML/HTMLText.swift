import LintCore

/// Text and identifiers for the HTML report, safe both in HTML and in the inline SVG (which the tests parse
/// as XML).
enum HTMLText {
    /// `s` with `& < > " '` as character references, valid in element content and in quoted attribute
    /// values of HTML and XML alike. Control characters that XML 1.0 forbids (below U+0020 except tab, line
    /// feed and carriage return) become U+FFFD, so a hostile node name cannot make the SVG ill-formed.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A number as the report prints it: 6 significant digits rounded as its kind allows (`DecimalText`).
    static func number(_ v: Double, _ rounding: Rounding) -> String { DecimalText.text(v, rounding) }

    /// An SVG coordinate in pixels, rounded to 0.1 px and printed without locale or exponent, so that the
    /// same input always gives the same bytes.
    static func coordinate(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        let fraction = magnitude % 10
        return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// A fragment identifier made of `prefix`, the numbers in `indices` (which make it unique) and a
    /// readable slug of `name` (ASCII letters, digits and `-`, at most 40 characters).
    static func anchor(_ prefix: String, _ indices: [Int], name: String) -> String {
        var slug = ""
        var lastWasDash = false
        for scalar in name.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII, c.isLetter || c.isNumber {
                slug.append(c.lowercased())
                lastWasDash = false
            } else if !lastWasDash, !slug.isEmpty {
                slug.append("-")
                lastWasDash = true
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let parts = [prefix] + indices.map(String.init) + (slug.isEmpty ? [] : [slug])
        return parts.joined(separator: "-")
    }
}
