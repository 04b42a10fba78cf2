extension ONNXWriter {
    /// Where a `TensorProto` keeps its values.
    public enum TensorData: Sendable {
        /// No data field at all.
        case none
        /// `raw_data` (9): the bytes as given.
        case raw([UInt8])
        /// `float_data` (4).
        case floats([Float])
        /// `int32_data` (5): INT32/INT16/INT8/UINT16/UINT8/BOOL values, FLOAT16/BFLOAT16 bit patterns.
        case int32s([Int32])
        /// `int64_data` (7).
        case int64s([Int64])
        /// `double_data` (10).
        case doubles([Double])
        /// `uint64_data` (11): UINT32/UINT64.
        case uint64s([UInt64])
        /// `string_data` (6).
        case strings([[UInt8]])
        /// `data_location = EXTERNAL` with these `external_data` entries.
        case external(External)
    }

    /// The `external_data` key/value entries of an external tensor. Values are strings, as in the file, so
    /// tests can write bad ones (`"-1"`, `"12x"`).
    public struct External: Sendable {
        public var entries: [(key: String, value: String)]

        /// The usual entries: `location`, and `offset`/`length` when given.
        public init(location: String, offset: Int? = nil, length: Int? = nil) {
            entries = [("location", location)]
            if let offset { entries.append(("offset", String(offset))) }
            if let length { entries.append(("length", String(length))) }
        }

        /// Arbitrary entries, in order.
        public init(entries: [(key: String, value: String)]) {
            self.entries = entries
        }
    }

    /// A `TensorProto`.
    public struct Tensor: Sendable {
        public var name: String
        public var dims: [Int64]
        public var dataType: Int32
        public var data: TensorData
        public var packing: Packing
        public var extra: [Field]

        /// A tensor with a raw `data_type` number (any value, even an invalid one).
        public init(
            name: String, dims: [Int64], dataType: Int32, data: TensorData, packing: Packing = .onnxDefault,
            extra: [Field] = []
        ) {
            self.name = name
            self.dims = dims
            self.dataType = dataType
            self.data = data
            self.packing = packing
            self.extra = extra
        }

        public func encoded() -> [UInt8] {
            var e = ProtoEncoder()
            e.int64s(1, dims, packed: packing.packs(declaredPacked: false))
            e.int64(2, Int64(dataType))
            e.string(8, name)
            let packed = packing.packs(declaredPacked: true)
            switch data {
            case .none: break
            case .raw(let bytes): e.bytes(9, bytes)
            case .floats(let v): e.floats(4, v, packed: packed)
            case .int32s(let v): e.int64s(5, v.map(Int64.init), packed: packed)
            case .int64s(let v): e.int64s(7, v, packed: packed)
            case .doubles(let v): e.doubles(10, v, packed: packed)
            case .uint64s(let v): e.varints(11, v, packed: packed)
            case .strings(let v): for s in v { e.bytes(6, s) }
            case .external(let ext):
                for (key, value) in ext.entries { e.message(13, ONNXWriter.stringEntry(key, value)) }
                e.int64(14, 1)
            }
            for f in extra { f.encode(into: &e) }
            return e.bytes
        }
    }

    /// A tensor with any data type and storage (the general form the other `tensor` functions use).
    public static func tensor(
        name: String, dims: [Int64], dataType: DataType, data: TensorData, packing: Packing = .onnxDefault,
        extra: [Field] = []
    ) -> Tensor {
        Tensor(name: name, dims: dims, dataType: dataType.rawValue, data: data, packing: packing, extra: extra)
    }

    /// A FLOAT tensor, in `raw_data` when `raw`, else in `float_data`.
    public static func tensor(
        name: String, dims: [Int64], floats: [Float], raw: Bool = false, packing: Packing = .onnxDefault
    ) -> Tensor {
        tensor(
            name: name, dims: dims, dataType: .float,
            data: raw ? .raw(littleEndianBytes(floats: floats)) : .floats(floats), packing: packing)
    }

    /// A DOUBLE tensor, in `raw_data` when `raw`, else in `double_data`.
    public static func tensor(
        name: String, dims: [Int64], doubles: [Double], raw: Bool = false, packing: Packing = .onnxDefault
    ) -> Tensor {
        tensor(
            name: name, dims: dims, dataType: .double,
            data: raw ? .raw(littleEndianBytes(doubles: doubles)) : .doubles(doubles), packing: packing)
    }

    /// A FLOAT16 tensor from IEEE half bit patterns, in `raw_data` when `raw`, else in `int32_data`.
    public static func tensor(
        name: String, dims: [Int64], float16Bits: [UInt16], raw: Bool = false, packing: Packing = .onnxDefault
    ) -> Tensor {
        tensor(
            name: name, dims: dims, dataType: .float16,
            data: raw ? .raw(littleEndianBytes(float16Bits)) : .int32s(float16Bits.map { Int32($0) }),
            packing: packing)
    }

    /// A BFLOAT16 tensor from bit patterns, in `raw_data` when `raw`, else in `int32_data`.
    public static func tensor(
        name: String, dims: [Int64], bfloat16Bits: [UInt16], raw: Bool = false, packing: Packing = .onnxDefault
    ) -> Tensor {
        tensor(
            name: name, dims: dims, dataType: .bfloat16,
            data: raw ? .raw(littleEndianBytes(bfloat16Bits)) : .int32s(bfloat16Bits.map { Int32($0) }),
            packing: packing)
    }

    /// An INT64 tensor, in `raw_data` when `raw`, else in `int64_data`.
    public static func tensor(
        name: String, dims: [Int64], int64s: [Int64], raw: Bool = false, packing: Packing = .onnxDefault
    ) -> Tensor {
        tensor(
            name: name, dims: dims, dataType: .int64,
            data: raw ? .raw(littleEndianBytes(int64s)) : .int64s(int64s), packing: packing)
    }

    /// A tensor of a type stored in `int32_data` (INT32, INT16, INT8, UINT16, UINT8, BOOL). With `raw`, the
    /// values are written to `raw_data` at the type's width (truncating).
    public static func tensor(
        name: String, dims: [Int64], int32s: [Int32], dataType: DataType = .int32, raw: Bool = false,
        packing: Packing = .onnxDefault
    ) -> Tensor {
        let data: TensorData
        if raw {
            switch dataType {
            case .int8, .uint8, .bool: data = .raw(int32s.map { UInt8(truncatingIfNeeded: $0) })
            case .int16, .uint16: data = .raw(littleEndianBytes(int32s.map { UInt16(truncatingIfNeeded: $0) }))
            default: data = .raw(littleEndianBytes(int32s))
            }
        } else {
            data = .int32s(int32s)
        }
        return tensor(name: name, dims: dims, dataType: dataType, data: data, packing: packing)
    }

    /// A UINT32 or UINT64 tensor, in `raw_data` when `raw` (at the type's width), else in `uint64_data`.
    public static func tensor(
        name: String, dims: [Int64], uint64s: [UInt64], dataType: DataType = .uint64, raw: Bool = false,
        packing: Packing = .onnxDefault
    ) -> Tensor {
        let data: TensorData
        if raw {
            data = dataType == .uint32
                ? .raw(littleEndianBytes(uint64s.map { UInt32(truncatingIfNeeded: $0) }))
                : .raw(littleEndianBytes(uint64s))
        } else {
            data = .uint64s(uint64s)
        }
        return tensor(name: name, dims: dims, dataType: dataType, data: data, packing: packing)
    }

    /// A tensor whose bytes are in `raw_data` exactly as given.
    public static func tensor(name: String, dims: [Int64], dataType: DataType, raw: [UInt8]) -> Tensor {
        tensor(name: name, dims: dims, dataType: dataType, data: .raw(raw))
    }

    /// A tensor stored in an external file.
    public static func tensor(name: String, dims: [Int64], dataType: DataType, external: External) -> Tensor {
        tensor(name: name, dims: dims, dataType: dataType, data: .external(external))
    }

    // MARK: - Little-endian byte helpers

    /// The little-endian bytes of `floats` (what `raw_data` holds for FLOAT).
    public static func littleEndianBytes(floats: [Float]) -> [UInt8] {
        littleEndianBytes(floats.map(\.bitPattern))
    }

    /// The little-endian bytes of `doubles`.
    public static func littleEndianBytes(doubles: [Double]) -> [UInt8] {
        littleEndianBytes(doubles.map(\.bitPattern))
    }

    /// The little-endian bytes of fixed-width integers.
    public static func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * MemoryLayout<T>.size)
        for v in values {
            var le = v.littleEndian
            withUnsafeBytes(of: &le) { out.append(contentsOf: $0) }
        }
        return out
    }
}
