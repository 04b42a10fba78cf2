import LintCore

/// Serializes a `JSONValue` deterministically: two-space indentation, keys in insertion order, every number
/// at full precision (the shortest text that reads back as the same `Double`, `DecimalText.shortest`).
public struct JSONWriter: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) {
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

    /// The shortest text that reads back as the same `Double` (`DecimalText.shortest`); `null` when not finite.
    func format(_ d: Double) -> String { DecimalText.shortest(d) }

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
