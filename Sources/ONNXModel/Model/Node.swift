/// An ONNX node (`NodeProto`).
public struct Node: Sendable {
    /// The node's name; may be empty in the file (layers then get a generated, stable name).
    public var name: String
    public var opType: String
    /// `""` and `"ai.onnx"` both mean the default domain; the loader stores `"ai.onnx"` as `""`.
    public var domain: String
    /// Input value names; an empty name marks an omitted optional input.
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [Attribute]
    /// Position in its graph's node list.
    public var index: Int

    public init(
        name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
        attributes: [Attribute] = [], index: Int
    ) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
        self.index = index
    }

    /// Whether the node belongs to the default ONNX operator set.
    public var isDefaultDomain: Bool { domain.isEmpty || domain == "ai.onnx" }

    /// The attribute with this name (the last one wins when repeated).
    public func attribute(_ name: String) -> AttributeValue? {
        attributes.last { $0.name == name }?.value
    }

    /// The input at `position`, or `nil` when absent or omitted (empty name).
    public func input(_ position: Int) -> String? {
        guard position < inputs.count, !inputs[position].isEmpty else { return nil }
        return inputs[position]
    }
}

/// A named attribute (`AttributeProto`).
public struct Attribute: Sendable {
    public var name: String
    public var value: AttributeValue
    public init(name: String, value: AttributeValue) {
        self.name = name
        self.value = value
    }
}

/// An attribute's value. The type comes from `AttributeProto.type`, or, for files older than IR 2 that lack
/// it, from whichever value field is set.
public enum AttributeValue: Sendable {
    case float(Float)
    case int(Int64)
    /// `s`: bytes, usually UTF-8 text such as `auto_pad`.
    case string([UInt8])
    case tensor(Tensor)
    case graph(Graph)
    case floats([Float])
    case ints([Int64])
    case strings([[UInt8]])
    case tensors([Tensor])
    case graphs([Graph])
    /// A type liplint does not read (sparse tensors, type protos) or a reference to a function attribute.
    case unsupported(type: Int32)

    public var int: Int64? { if case .int(let v) = self { return v } else { return nil } }
    public var float: Float? {
        switch self {
        case .float(let v): return v
        case .int(let v): return Float(v)
        default: return nil
        }
    }
    public var ints: [Int64]? {
        switch self {
        case .ints(let v): return v
        case .int(let v): return [v]
        default: return nil
        }
    }
    public var floats: [Float]? {
        switch self {
        case .floats(let v): return v
        case .float(let v): return [v]
        default: return nil
        }
    }
    /// The bytes of a string attribute decoded as UTF-8 (invalid bytes are replaced).
    public var string: String? {
        if case .string(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }
    public var tensor: Tensor? { if case .tensor(let t) = self { return t } else { return nil } }
}
