/// An independent pure-Swift writer of ONNX model files, for tests.
///
/// It encodes the protobuf wire format itself (`ProtoEncoder`), never through protobuf-c, so a round trip
/// writer → loader checks the loader against a second implementation of `onnx.proto` (field numbers from
/// the ONNX schema, `proto/onnx.proto`).
///
/// Tests state models inline:
///
/// ```swift
/// let bytes = ONNXWriter.model(
///     opsets: [("", 17)],
///     graph: ONNXWriter.graph(
///         nodes: [ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: "conv0",
///                                 attributes: [.ints("strides", [1, 1]), .string("auto_pad", "SAME_UPPER")])],
///         initializers: [ONNXWriter.tensor(name: "w", dims: [8, 3, 3, 3], floats: weights, raw: true)],
///         inputs: [ONNXWriter.valueInfo(name: "x", elementType: .float, shape: [.symbol("N"), 3, 32, 32])],
///         outputs: [ONNXWriter.valueInfo(name: "y", elementType: .float, shape: nil)]))
/// try ONNXWriter.write(bytes, to: "/tmp/m.onnx")
/// ```
///
/// Every message value also takes `extra: [ONNXWriter.Field]`, raw fields appended after the regular ones
/// (unknown fields, wrong wire types, bad lengths), so tests can write deliberately broken files.
/// Repeated scalars follow `Packing`: `.onnxDefault` writes what `onnx.proto` (proto2) writes — tensor
/// data fields packed, `dims`/`ints`/`floats` unpacked — and `.packed`/`.unpacked` force one form.
public enum ONNXWriter {
    /// How repeated scalar fields are encoded.
    public enum Packing: Sendable {
        /// As the proto2 `onnx.proto` does: `float_data`, `int32_data`, `int64_data`, `double_data`,
        /// `uint64_data` packed; `dims`, attribute `ints`/`floats` unpacked.
        case onnxDefault
        /// Every repeated scalar packed (what `onnx.proto3`-generated code writes).
        case packed
        /// Every repeated scalar as one field per value.
        case unpacked

        func packs(declaredPacked: Bool) -> Bool {
            switch self {
            case .onnxDefault: return declaredPacked
            case .packed: return true
            case .unpacked: return false
            }
        }
    }

    /// `TensorProto.DataType` values (stated here again, independently of the library's `ElementType`).
    public enum DataType: Int32, Sendable, CaseIterable {
        case undefined = 0, float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7
        case string = 8, bool = 9, float16 = 10, double = 11, uint32 = 12, uint64 = 13
        case complex64 = 14, complex128 = 15, bfloat16 = 16
        case float8e4m3fn = 17, float8e4m3fnuz = 18, float8e5m2 = 19, float8e5m2fnuz = 20
        case uint4 = 21, int4 = 22, float4e2m1 = 23, float8e8m0 = 24, uint2 = 25, int2 = 26
    }

    /// A raw protobuf field, appended as is after a message's regular fields.
    public indirect enum Field: Sendable {
        case varint(Int, UInt64)
        case fixed32(Int, UInt32)
        case fixed64(Int, UInt64)
        case bytes(Int, [UInt8])
        /// An embedded message made of raw fields.
        case message(Int, [Field])
        /// Bytes written without any tag (to break the framing on purpose).
        case rawBytes([UInt8])

        func encode(into e: inout ProtoEncoder) {
            switch self {
            case .varint(let f, let v): e.varint(f, v)
            case .fixed32(let f, let v):
                e.tag(f, .fixed32)
                e.appendLittleEndian(v)
            case .fixed64(let f, let v):
                e.tag(f, .fixed64)
                e.appendLittleEndian(v)
            case .bytes(let f, let v): e.bytes(f, v)
            case .message(let f, let fields): e.message(f, Field.encode(fields))
            case .rawBytes(let v): e.raw(v)
            }
        }

        /// The encoding of a list of raw fields.
        public static func encode(_ fields: [Field]) -> [UInt8] {
            var e = ProtoEncoder()
            for f in fields { f.encode(into: &e) }
            return e.bytes
        }
    }

    // MARK: - Model

    /// A complete `ModelProto`, encoded.
    /// - Parameters:
    ///   - opsets: `(domain, version)` pairs; `""` is the default ONNX domain.
    ///   - graph: the main graph, or `nil` to leave field 7 out.
    ///   - metadata: `metadata_props` entries in order.
    public static func model(
        irVersion: Int64 = 8, opsets: [(domain: String, version: Int64)] = [("", 13)],
        producerName: String = "liplint-tests", producerVersion: String = "1.0", graph: Graph?,
        metadata: [(key: String, value: String)] = [], functions: [Function] = [], extra: [Field] = []
    ) -> [UInt8] {
        var e = ProtoEncoder()
        e.int64(1, irVersion)
        e.string(2, producerName)
        e.string(3, producerVersion)
        for (domain, version) in opsets {
            var o = ProtoEncoder()
            o.string(1, domain)
            o.int64(2, version)
            e.message(8, o.bytes)
        }
        if let graph { e.message(7, graph.encoded()) }
        for (key, value) in metadata { e.message(14, stringEntry(key, value)) }
        for function in functions { e.message(25, function.encoded()) }
        for f in extra { f.encode(into: &e) }
        return e.bytes
    }

    /// Writes `bytes` to `path` (creating or truncating the file).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try FileIO.write(bytes, to: path)
    }

    static func stringEntry(_ key: String, _ value: String) -> [UInt8] {
        var e = ProtoEncoder()
        e.string(1, key)
        e.string(2, value)
        return e.bytes
    }

    // MARK: - Graph, node, value info, function

    /// A `GraphProto`.
    public struct Graph: Sendable {
        public var name: String
        public var nodes: [Node]
        public var initializers: [Tensor]
        public var inputs: [ValueInfo]
        public var outputs: [ValueInfo]
        public var valueInfo: [ValueInfo]
        public var extra: [Field]

        /// The encoded message.
        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            for n in nodes { e.message(1, n.encoded()) }
            e.string(2, name)
            for t in initializers { e.message(5, t.encoded()) }
            for v in inputs { e.message(11, v.encoded()) }
            for v in outputs { e.message(12, v.encoded()) }
            for v in valueInfo { e.message(13, v.encoded()) }
            for f in extra { f.encode(into: &e) }
            return e.bytes
        }
    }

    /// A graph value.
    public static func graph(
        name: String = "main", nodes: [Node], initializers: [Tensor] = [], inputs: [ValueInfo] = [],
        outputs: [ValueInfo] = [], valueInfo: [ValueInfo] = [], extra: [Field] = []
    ) -> Graph {
        Graph(
            name: name, nodes: nodes, initializers: initializers, inputs: inputs, outputs: outputs,
            valueInfo: valueInfo, extra: extra)
    }

    /// A `NodeProto`.
    public struct Node: Sendable {
        public var op: String
        public var inputs: [String]
        public var outputs: [String]
        public var name: String?
        public var domain: String?
        public var attributes: [Attribute]
        public var extra: [Field]

        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            for i in inputs { e.string(1, i) }
            for o in outputs { e.string(2, o) }
            if let name { e.string(3, name) }
            e.string(4, op)
            if let domain { e.string(7, domain) }
            for a in attributes { e.message(5, a.encoded()) }
            for f in extra { f.encode(into: &e) }
            return e.bytes
        }
    }

    /// A node. `name: nil` leaves the name field out (as some exporters do); `domain: nil` likewise.
    public static func node(
        op: String, inputs: [String], outputs: [String], name: String? = nil, domain: String? = nil,
        attributes: [Attribute] = [], extra: [Field] = []
    ) -> Node {
        Node(
            op: op, inputs: inputs, outputs: outputs, name: name, domain: domain, attributes: attributes,
            extra: extra)
    }

    /// One dimension of a `TensorShapeProto`. Integer literals make `.value`.
    public enum Dim: Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
        case value(Int64)
        case symbol(String)
        /// Neither `dim_value` nor `dim_param`.
        case unknown

        public init(integerLiteral value: Int64) { self = .value(value) }
        public init(stringLiteral value: String) { self = .symbol(value) }
    }

    /// A `ValueInfoProto`.
    public struct ValueInfo: Sendable {
        public var name: String
        /// `nil` writes no `type` at all.
        public var elementType: DataType?
        /// `nil` writes a tensor type without a shape (unknown rank).
        public var shape: [Dim]?

        public init(name: String, elementType: DataType?, shape: [Dim]?) {
            self.name = name
            self.elementType = elementType
            self.shape = shape
        }

        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            e.string(1, name)
            if let elementType {
                var tensorType = ProtoEncoder()
                tensorType.int64(1, Int64(elementType.rawValue))
                if let shape {
                    var s = ProtoEncoder()
                    for d in shape {
                        var dim = ProtoEncoder()
                        switch d {
                        case .value(let v): dim.int64(1, v)
                        case .symbol(let p): dim.string(2, p)
                        case .unknown: break
                        }
                        s.message(1, dim.bytes)
                    }
                    tensorType.message(2, s.bytes)
                }
                var type = ProtoEncoder()
                type.message(1, tensorType.bytes)
                e.message(2, type.bytes)
            }
            return e.bytes
        }
    }

    /// A value info for a tensor value.
    public static func valueInfo(name: String, elementType: DataType? = .float, shape: [Dim]?) -> ValueInfo {
        ValueInfo(name: name, elementType: elementType, shape: shape)
    }

    /// A `FunctionProto`.
    public struct Function: Sendable {
        public var domain: String
        public var name: String
        public var inputs: [String]
        public var outputs: [String]
        public var nodes: [Node]
        public var opsets: [(domain: String, version: Int64)]

        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            e.string(1, name)
            for i in inputs { e.string(4, i) }
            for o in outputs { e.string(5, o) }
            for n in nodes { e.message(7, n.encoded()) }
            for (domain, version) in opsets {
                var o = ProtoEncoder()
                o.string(1, domain)
                o.int64(2, version)
                e.message(9, o.bytes)
            }
            e.string(10, domain)
            return e.bytes
        }
    }

    /// A model-local function.
    public static func function(
        domain: String, name: String, inputs: [String], outputs: [String], nodes: [Node],
        opsets: [(domain: String, version: Int64)] = [("", 13)]
    ) -> Function {
        Function(domain: domain, name: name, inputs: inputs, outputs: outputs, nodes: nodes, opsets: opsets)
    }
}
