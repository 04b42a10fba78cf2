import SpectralKit

/// Explicit encoding of a figure for the analysis cache: `kind`, `sizeSpecific`, `reason` and the fields as an
/// ordered list of `{name, <type>: value}` objects, so that the order the reports print them in survives.
/// Numbers are plain JSON numbers (Swift prints the shortest text that reads back to the same `Double`);
/// non-finite ones are written as the strings the cache's coders agree on (`AnalysisCacheCoding`).
extension Figure: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, sizeSpecific, fields, reason
    }

    private struct NamedField: Codable {
        var name: String
        var value: Field
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(FigureKind.self, forKey: .kind)
        let sizeSpecific = try container.decode(Bool.self, forKey: .sizeSpecific)
        let fields = try container.decode([NamedField].self, forKey: .fields)
        self.init(kind: kind, sizeSpecific: sizeSpecific, fields: fields.map { ($0.name, $0.value) })
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(sizeSpecific, forKey: .sizeSpecific)
        try container.encode(fields.map { NamedField(name: $0.name, value: $0.value) }, forKey: .fields)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A field as an object with exactly one key naming its type (`number`, `integer`, `flag`, `size`, `numbers`,
/// `text`); anything else fails to decode (and the cache entry is then ignored).
extension Figure.Field: Codable {
    private enum CodingKeys: String, CodingKey {
        case number, integer, flag, size, numbers, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a field needs exactly one typed value"))
        }
        switch key {
        case .number: self = .number(try container.decode(Double.self, forKey: key))
        case .integer: self = .integer(try container.decode(Int.self, forKey: key))
        case .flag: self = .flag(try container.decode(Bool.self, forKey: key))
        case .size: self = .size(try container.decode(Size2D.self, forKey: key))
        case .numbers: self = .numbers(try container.decode([Double].self, forKey: key))
        case .text: self = .text(try container.decode(String.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let v): try container.encode(v, forKey: .number)
        case .integer(let v): try container.encode(v, forKey: .integer)
        case .flag(let v): try container.encode(v, forKey: .flag)
        case .size(let v): try container.encode(v, forKey: .size)
        case .numbers(let v): try container.encode(v, forKey: .numbers)
        case .text(let v): try container.encode(v, forKey: .text)
        }
    }
}
