#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serializes a `JSONValue` deterministically: two-space indentation, keys in insertion order, numbers with
/// a fixed number of significant digits (reports print 6; the value in memory keeps full precision).
public struct JSONWriter: Sendable {
    public var significantDigits: Int
    public var pretty: Bool

    public init(significantDigits: Int = 6, pretty: Bool = true) {
        self.significantDigits = significantDigits
        self.pretty = pretty
    }

    /// The document as text, ending with a newline.
    public func write(_ value: JSONValue) -> String {
        var out = ""
        append(value, indent: 0, to: &out)
        out += "\n"
        return out
    }

    private func append(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let d): out += format(d)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            // Arrays of scalars stay on one line: sizes, strides and pads read better that way.
            let scalar = items.allSatisfy {
                switch $0 {
                case .array, .object: return false
                default: return true
                }
            }
            if scalar || !pretty {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += pretty ? ", " : "," }
                    append(item, indent: indent, to: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                append(item, indent: indent + 2, to: &out)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += pretty ? "{\n" : "{"
            for (k, (key, item)) in members.enumerated() {
                if pretty { out += String(repeating: " ", count: indent + 2) }
                appendString(key, to: &out)
                out += pretty ? ": " : ":"
                append(item, indent: indent + 2, to: &out)
                if k + 1 < members.count { out += "," }
                if pretty { out += "\n" }
            }
            if pretty { out += String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// `%.{digits}g`, then trailing zeros of the fraction removed; non-finite values become `null`.
    func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 {
            let exact = String(Int64(d))
            if exact.count - (d < 0 ? 1 : 0) <= significantDigits { return exact }
        }
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([significantDigits, d]) { vsnprintf(&buffer, buffer.count, "%.*g", $0) }
        var text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var mantissa = String(text[..<e])
            let exponent = String(text[text.index(after: e)...])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let sign = exponent.hasPrefix("-") ? "-" : ""
            let digits = exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" }
            text = mantissa + "e" + sign + (digits.isEmpty ? "0" : String(digits))
        } else if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
