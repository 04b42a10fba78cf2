/// A JSON document with ordered object keys, so that reports are byte-for-byte deterministic.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A finite number; non-finite values are written as `null`.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Keys in the order they are written.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object (`nil` for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.last { $0.0 == key }?.1 }
        return nil
    }
}

extension JSONValue {
    /// `.null` for `nil`, else the wrapped conversion.
    static func optional<T>(_ value: T?, _ convert: (T) -> JSONValue) -> JSONValue {
        value.map(convert) ?? .null
    }

    static func ints(_ values: [Int]?) -> JSONValue {
        optional(values) { .array($0.map(JSONValue.int)) }
    }

    static func number(_ value: Double?) -> JSONValue {
        optional(value) { .number($0) }
    }
}
