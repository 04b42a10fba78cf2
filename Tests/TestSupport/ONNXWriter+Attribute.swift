extension ONNXWriter {
    /// An `AttributeProto`. Build one with the static functions (`.int("group", 2)`, `.graph("body", g)`, ...).
    public struct Attribute: Sendable {
        /// The value, by `AttributeType`.
        public indirect enum Value: Sendable {
            case float(Float)
            case int(Int64)
            case string([UInt8])
            case tensor(Tensor)
            case graph(Graph)
            case floats([Float])
            case ints([Int64])
            case strings([[UInt8]])
            case tensors([Tensor])
            case graphs([Graph])
            /// A SPARSE_TENSOR (field 22) with values, indices and dims.
            case sparseTensor(values: Tensor, indices: Tensor, dims: [Int64])
            /// A TYPE_PROTO (field 14) holding a tensor type of this element type.
            case typeProto(DataType)

            /// The `AttributeType` number.
            public var typeNumber: Int64 {
                switch self {
                case .float: return 1
                case .int: return 2
                case .string: return 3
                case .tensor: return 4
                case .graph: return 5
                case .floats: return 6
                case .ints: return 7
                case .strings: return 8
                case .tensors: return 9
                case .graphs: return 10
                case .sparseTensor: return 11
                case .typeProto: return 13
                }
            }
        }

        public var name: String
        public var value: Value
        /// Whether to write the `type` field (20). Files older than IR 2 lack it.
        public var writesType: Bool
        /// Packing of `ints`/`floats`.
        public var packing: Packing
        /// `ref_attr_name` (21), for attributes inside functions.
        public var refAttrName: String?
        public var extra: [Field]

        public init(
            name: String, value: Value, writesType: Bool = true, packing: Packing = .onnxDefault,
            refAttrName: String? = nil, extra: [Field] = []
        ) {
            self.name = name
            self.value = value
            self.writesType = writesType
            self.packing = packing
            self.refAttrName = refAttrName
            self.extra = extra
        }

        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            e.string(1, name)
            if let refAttrName { e.string(21, refAttrName) }
            if writesType { e.int64(20, value.typeNumber) }
            let packed = packing.packs(declaredPacked: false)
            switch value {
            case .float(let v): e.float(2, v)
            case .int(let v): e.int64(3, v)
            case .string(let v): e.bytes(4, v)
            case .tensor(let t): e.message(5, t.encoded())
            case .graph(let g): e.message(6, g.encoded())
            case .floats(let v): e.floats(7, v, packed: packed)
            case .ints(let v): e.int64s(8, v, packed: packed)
            case .strings(let v): for s in v { e.bytes(9, s) }
            case .tensors(let v): for t in v { e.message(10, t.encoded()) }
            case .graphs(let v): for g in v { e.message(11, g.encoded()) }
            case .sparseTensor(let values, let indices, let dims):
                var s = ProtoEncoder()
                s.message(1, values.encoded())
                s.message(2, indices.encoded())
                s.int64s(3, dims, packed: false)
                e.message(22, s.bytes)
            case .typeProto(let type):
                var tensorType = ProtoEncoder()
                tensorType.int64(1, Int64(type.rawValue))
                var t = ProtoEncoder()
                t.message(1, tensorType.bytes)
                e.message(14, t.bytes)
            }
            for f in extra { f.encode(into: &e) }
            return e.bytes
        }

        // MARK: Builders, one per attribute kind

        public static func float(_ name: String, _ v: Float) -> Attribute { Attribute(name: name, value: .float(v)) }
        public static func int(_ name: String, _ v: Int64) -> Attribute { Attribute(name: name, value: .int(v)) }
        /// A STRING attribute from UTF-8 text.
        public static func string(_ name: String, _ v: String) -> Attribute {
            Attribute(name: name, value: .string(Array(v.utf8)))
        }
        public static func bytes(_ name: String, _ v: [UInt8]) -> Attribute { Attribute(name: name, value: .string(v)) }
        public static func tensor(_ name: String, _ t: Tensor) -> Attribute { Attribute(name: name, value: .tensor(t)) }
        public static func graph(_ name: String, _ g: Graph) -> Attribute { Attribute(name: name, value: .graph(g)) }
        public static func floats(_ name: String, _ v: [Float], packing: Packing = .onnxDefault) -> Attribute {
            Attribute(name: name, value: .floats(v), packing: packing)
        }
        public static func ints(_ name: String, _ v: [Int64], packing: Packing = .onnxDefault) -> Attribute {
            Attribute(name: name, value: .ints(v), packing: packing)
        }
        /// A STRINGS attribute from UTF-8 texts.
        public static func strings(_ name: String, _ v: [String]) -> Attribute {
            Attribute(name: name, value: .strings(v.map { Array($0.utf8) }))
        }
        public static func tensors(_ name: String, _ v: [Tensor]) -> Attribute { Attribute(name: name, value: .tensors(v)) }
        public static func graphs(_ name: String, _ v: [Graph]) -> Attribute { Attribute(name: name, value: .graphs(v)) }
        public static func sparseTensor(_ name: String, values: Tensor, indices: Tensor, dims: [Int64]) -> Attribute {
            Attribute(name: name, value: .sparseTensor(values: values, indices: indices, dims: dims))
        }
        public static func typeProto(_ name: String, _ type: DataType) -> Attribute {
            Attribute(name: name, value: .typeProto(type))
        }

        /// The same attribute without its `type` field (an IR 1 file).
        public func withoutType() -> Attribute {
            var copy = self
            copy.writesType = false
            return copy
        }
    }
}
