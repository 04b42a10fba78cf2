/// A minimal protobuf wire-format encoder, written independently of protobuf-c so that it can serve as a
/// test oracle for the loader (and so that tests can also write deliberately broken bytes).
///
/// Every method appends one field to `bytes`. Negative `int32`/`int64` values are written as 10-byte
/// two's-complement varints, as protobuf requires (no zigzag).
public struct ProtoEncoder: Sendable {
    /// The encoded bytes so far.
    public var bytes: [UInt8] = []

    public init() {}

    /// Protobuf wire types.
    public enum WireType: UInt8, Sendable {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    /// Appends a bare varint (no tag).
    public mutating func rawVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a tag `(field << 3) | wireType`.
    public mutating func tag(_ field: Int, _ wireType: WireType) {
        rawVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// A varint field holding an unsigned value (also used for `bool` and `uint64`).
    public mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, .varint)
        rawVarint(value)
    }

    /// An `int64`/`int32`/enum field (negative values become 10-byte varints).
    public mutating func int64(_ field: Int, _ value: Int64) {
        varint(field, UInt64(bitPattern: value))
    }

    /// A `float` field (wire type 5, little-endian).
    public mutating func float(_ field: Int, _ value: Float) {
        tag(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    /// A `double` field (wire type 1, little-endian).
    public mutating func double(_ field: Int, _ value: Double) {
        tag(field, .fixed64)
        appendLittleEndian(value.bitPattern)
    }

    /// A `bytes` (or embedded message) field.
    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, .lengthDelimited)
        rawVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A `string` field (UTF-8).
    public mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// An embedded message field.
    public mutating func message(_ field: Int, _ encoded: [UInt8]) {
        bytes(field, encoded)
    }

    /// A repeated varint field, packed (one LEN field) or unpacked (one field per value).
    public mutating func varints(_ field: Int, _ values: [UInt64], packed: Bool) {
        if packed {
            guard !values.isEmpty else { return }
            var inner = ProtoEncoder()
            for v in values { inner.rawVarint(v) }
            bytes(field, inner.bytes)
        } else {
            for v in values { varint(field, v) }
        }
    }

    /// A repeated `int64`/`int32` field.
    public mutating func int64s(_ field: Int, _ values: [Int64], packed: Bool) {
        varints(field, values.map { UInt64(bitPattern: $0) }, packed: packed)
    }

    /// A repeated `float` field.
    public mutating func floats(_ field: Int, _ values: [Float], packed: Bool) {
        if packed {
            guard !values.isEmpty else { return }
            bytes(field, ONNXWriter.littleEndianBytes(floats: values))
        } else {
            for v in values { float(field, v) }
        }
    }

    /// A repeated `double` field.
    public mutating func doubles(_ field: Int, _ values: [Double], packed: Bool) {
        if packed {
            guard !values.isEmpty else { return }
            bytes(field, ONNXWriter.littleEndianBytes(doubles: values))
        } else {
            for v in values { double(field, v) }
        }
    }

    /// Appends arbitrary bytes as they are (for deliberately malformed input).
    public mutating func raw(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
    }

    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }
}
