/// Decoding a tensor's stored values into Swift arrays.
///
/// Supported element types: FLOAT, FLOAT16 (IEEE half, subnormals/inf/NaN exact), BFLOAT16, DOUBLE, INT8,
/// UINT8, INT16, UINT16, INT32, INT64, UINT32, UINT64 and BOOL (0 or 1), from `raw_data` (little-endian,
/// any alignment; a large tensor's is read from the model file at each call), from the typed fields, and
/// from external data (read from the validated file range at each call). Other types (STRING, COMPLEX,
/// FLOAT8, 4- and 2-bit) throw `ModelError.invalidTensor`.
/// Each call decodes afresh in one pass over the stored bytes; keep the result when you need it twice.
extension Tensor {
    /// The values as `Double`, in row-major order. Every supported type converts exactly.
    public func doubles() throws(ModelError) -> [Double] {
        try decoded(as: Double.self)
    }

    /// The values as `Float`, in row-major order. DOUBLE values are rounded to nearest; 64-bit integers
    /// beyond 2²⁴ are rounded.
    public func floats() throws(ModelError) -> [Float] {
        try decoded(as: Float.self)
    }

    /// The values of an integer or BOOL tensor as `Int64`. Floating-point tensors and UINT64 values above
    /// `Int64.max` throw `ModelError.invalidTensor`.
    public func int64s() throws(ModelError) -> [Int64] {
        guard !elementType.isFloatingPoint else {
            throw .invalidTensor(name: name, reason: "\(elementType) values are not integers")
        }
        let values = try decoded(as: Int64.self)
        if elementType == .uint64, values.contains(where: { $0 < 0 }) {
            throw .invalidTensor(name: name, reason: "a UINT64 value exceeds the Int64 range")
        }
        return values
    }

    /// The shared decoder: one bulk loop per storage and element type.
    func decoded<T: DecodableScalar>(as: T.Type) throws(ModelError) -> [T] {
        let count = dims.product
        guard count <= maxDecodedElements else {
            throw .invalidTensor(
                name: name,
                reason: "\(count == Int.max ? "too many" : String(count)) elements (dims \(ShapeText.list(dims))), "
                    + "more than the \(maxDecodedElements) allowed (--max-tensor-elements)")
        }
        switch payload {
        case .none:
            guard count == 0 else { throw unsupported() }
            return []
        case .raw(let bytes):
            let values = bytes.withUnsafeBytes {
                Self.decodeLittleEndian($0, count: count, type: elementType, as: T.self)
            }
            guard let values else { throw unsupported() }
            return values
        case .file(let region):
            return try decodeStored(byteCount: region.count, what: "raw_data", count: count, as: T.self) {
                (buffer, start, length) throws(ModelError) in
                try region.read(into: buffer, from: start, length: length, tensor: name)
            }
        case .external(let reference):
            return try decodeStored(byteCount: reference.length, what: "external data", count: count, as: T.self) {
                (buffer, start, length) throws(ModelError) in
                let part = ExternalDataReference(path: reference.path, offset: reference.offset + start, length: length)
                try part.read(into: buffer, tensor: name)
            }
        case .floats(let values):
            guard elementType == .float, values.count == count else { throw unsupported() }
            if T.self == Float.self { return unsafeBitCast(values, to: [T].self) }  // O(1); `as!` copies
            return values.map { T(decodedFloat: $0) }
        case .doubles(let values):
            guard elementType == .double, values.count == count else { throw unsupported() }
            if T.self == Double.self { return unsafeBitCast(values, to: [T].self) }
            return values.map { T(decodedDouble: $0) }
        case .int64s(let values):
            guard elementType == .int64, values.count == count else { throw unsupported() }
            if T.self == Int64.self { return unsafeBitCast(values, to: [T].self) }
            return values.map { T(decodedInteger: $0) }
        case .uint64s(let values):
            guard elementType == .uint64 || elementType == .uint32, values.count == count else { throw unsupported() }
            return values.map { T(decodedUnsigned: $0) }
        case .int32s(let values):
            guard values.count == count else { throw unsupported() }
            switch elementType {
            case .int32: return values.map { T(decodedInteger: Int64($0)) }
            case .int16: return values.map { T(decodedInteger: Int64(Int16(truncatingIfNeeded: $0))) }
            case .int8: return values.map { T(decodedInteger: Int64(Int8(truncatingIfNeeded: $0))) }
            case .uint16: return values.map { T(decodedInteger: Int64(UInt16(truncatingIfNeeded: $0))) }
            case .uint8: return values.map { T(decodedInteger: Int64(UInt8(truncatingIfNeeded: $0))) }
            case .bool: return values.map { T(decodedInteger: $0 != 0 ? 1 : 0) }
            case .float16:
                return values.map { T(decodedFloat: ScalarConversion.float(fromHalf: UInt16(truncatingIfNeeded: $0))) }
            case .bfloat16:
                return values.map {
                    T(decodedFloat: ScalarConversion.float(fromBFloat16: UInt16(truncatingIfNeeded: $0)))
                }
            default: throw unsupported()
            }
        }
    }

    private func unsupported() -> ModelError {
        .invalidTensor(name: name, reason: "\(elementType) values cannot be decoded to numbers")
    }

    /// Reads bytes kept outside memory (the model file, an external data file) and decodes them: FLOAT to
    /// `Float` is read straight into the result; other conversions read in chunks, so that peak memory is the
    /// result plus one small buffer. `what` names the storage in errors; `read(buffer, start, length)` fills
    /// `buffer` with `length` bytes starting `start` bytes into the stored range.
    private func decodeStored<T: DecodableScalar>(
        byteCount: Int, what: String, count: Int, as: T.Type,
        read: (UnsafeMutableRawBufferPointer, Int, Int) throws(ModelError) -> Void
    ) throws(ModelError) -> [T] {
        guard let width = elementType.byteWidth, Self.isDecodable(elementType) else { throw unsupported() }
        guard byteCount == count * width else {
            throw .invalidTensor(name: name, reason: "\(what) has \(byteCount) bytes, dims need \(count * width)")
        }
        if T.self == Float.self && elementType == .float {
            // Built as `[T]` (T is Float here): casting a `[Float]` to `[T]` with `as!` copied it element by element.
            var failure: ModelError?
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                do throws(ModelError) {
                    try read(UnsafeMutableRawBufferPointer(buffer), 0, count * width)
                    initialized = count
                } catch {
                    failure = error
                    initialized = 0
                }
            }
            if let failure { throw failure }
            return values
        }
        // Other conversions: each chunk is read into one scratch buffer and decoded straight into the result.
        let chunkElements = max(1, Self.externalChunkBytes / width)
        var failure: ModelError?
        var scratch = [UInt8](repeating: 0, count: min(count, chunkElements) * width)
        let values = [T](unsafeUninitializedCapacity: count) { result, initialized in
            initialized = 0
            var done = 0
            while done < count {
                let n = min(chunkElements, count - done)
                let decoded = scratch.withUnsafeMutableBytes { buffer -> Bool in
                    do throws(ModelError) {
                        try read(buffer, done * width, n * width)
                    } catch {
                        failure = error
                        return false
                    }
                    return Self.decodeLittleEndian(
                        UnsafeRawBufferPointer(buffer), count: n, type: elementType, into: result.baseAddress! + done)
                }
                guard decoded else { break }
                done += n
                initialized = done
            }
        }
        if let failure { throw failure }
        guard values.count == count else { throw unsupported() }
        return values
    }

    /// Bytes read from the model file or an external file per step when decoding to another type.
    static let externalChunkBytes = 1 << 20

    static func isDecodable(_ type: ElementType) -> Bool {
        switch type {
        case .float, .float16, .bfloat16, .double, .int8, .uint8, .int16, .uint16, .int32, .int64, .uint32,
            .uint64, .bool:
            return true
        default: return false
        }
    }

    /// Decodes `count` little-endian values of `type` from `bytes` (which holds at least that many); `nil`
    /// for a type that cannot be decoded.
    static func decodeLittleEndian<T: DecodableScalar>(
        _ bytes: UnsafeRawBufferPointer, count: Int, type: ElementType, as: T.Type
    ) -> [T]? {
        guard let width = type.byteWidth, isDecodable(type), bytes.count >= count * width else { return nil }
        guard count > 0 else { return [] }
        var decodable = true
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            decodable = decodeLittleEndian(bytes, count: count, type: type, into: buffer.baseAddress!)
            initialized = decodable ? count : 0
        }
        return decodable ? values : nil
    }

    /// Decodes `count` little-endian values of `type` from `bytes` (which holds at least that many) into the
    /// uninitialized memory at `out`; `false` (nothing written) for a type that cannot be decoded.
    static func decodeLittleEndian<T: DecodableScalar>(
        _ bytes: UnsafeRawBufferPointer, count: Int, type: ElementType, into out: UnsafeMutablePointer<T>
    ) -> Bool {
        guard let width = type.byteWidth, isDecodable(type), bytes.count >= count * width else { return false }
        guard count > 0, let base = bytes.baseAddress else { return true }
        if T.self == Float.self && type == .float {
            #if _endian(little)
            UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: count * 4)
            return true
            #endif
        }
        switch type {
        case .float:
            map(base, count, 4, out) { T(decodedFloat: Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)))) }
        case .double:
            map(base, count, 8, out) { T(decodedDouble: Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))) }
        case .float16:
            map(base, count, 2, out) {
                T(decodedFloat: ScalarConversion.float(fromHalf: UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self))))
            }
        case .bfloat16:
            map(base, count, 2, out) {
                T(decodedFloat: ScalarConversion.float(fromBFloat16: UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self))))
            }
        case .int8: map(base, count, 1, out) { T(decodedInteger: Int64($0.load(as: Int8.self))) }
        case .uint8: map(base, count, 1, out) { T(decodedInteger: Int64($0.load(as: UInt8.self))) }
        case .bool: map(base, count, 1, out) { T(decodedInteger: $0.load(as: UInt8.self) != 0 ? 1 : 0) }
        case .int16:
            map(base, count, 2, out) { T(decodedInteger: Int64(Int16(littleEndian: $0.loadUnaligned(as: Int16.self)))) }
        case .uint16:
            map(base, count, 2, out) { T(decodedInteger: Int64(UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self)))) }
        case .int32:
            map(base, count, 4, out) { T(decodedInteger: Int64(Int32(littleEndian: $0.loadUnaligned(as: Int32.self)))) }
        case .uint32:
            map(base, count, 4, out) { T(decodedInteger: Int64(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)))) }
        case .int64:
            map(base, count, 8, out) { T(decodedInteger: Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        case .uint64:
            map(base, count, 8, out) { T(decodedUnsigned: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
        default:
            return false
        }
        return true
    }

    /// One bulk loop: `count` elements of `stride` bytes from `base`, each converted by `element`, initialized
    /// at `out`.
    @inline(__always)
    private static func map<T>(
        _ base: UnsafeRawPointer, _ count: Int, _ stride: Int, _ out: UnsafeMutablePointer<T>,
        _ element: (UnsafeRawPointer) -> T
    ) {
        var p = base
        for i in 0..<count {
            (out + i).initialize(to: element(p))
            p += stride
        }
    }
}

/// The number types `Tensor` decodes into.
protocol DecodableScalar {
    init(decodedFloat: Float)
    init(decodedDouble: Double)
    init(decodedInteger: Int64)
    init(decodedUnsigned: UInt64)
}

extension Double: DecodableScalar {
    @inline(__always) init(decodedFloat v: Float) { self = Double(v) }
    @inline(__always) init(decodedDouble v: Double) { self = v }
    @inline(__always) init(decodedInteger v: Int64) { self = Double(v) }
    @inline(__always) init(decodedUnsigned v: UInt64) { self = Double(v) }
}

extension Float: DecodableScalar {
    @inline(__always) init(decodedFloat v: Float) { self = v }
    @inline(__always) init(decodedDouble v: Double) { self = Float(v) }
    @inline(__always) init(decodedInteger v: Int64) { self = Float(v) }
    @inline(__always) init(decodedUnsigned v: UInt64) { self = Float(v) }
}

extension Int64: DecodableScalar {
    /// Only reached for integer tensors (`int64s()` refuses floating-point types first).
    @inline(__always) init(decodedFloat v: Float) { self = Int64(exactly: v) ?? 0 }
    @inline(__always) init(decodedDouble v: Double) { self = Int64(exactly: v) ?? 0 }
    @inline(__always) init(decodedInteger v: Int64) { self = v }
    /// Values above `Int64.max` wrap to negative; `int64s()` detects and refuses them.
    @inline(__always) init(decodedUnsigned v: UInt64) { self = Int64(truncatingIfNeeded: v) }
}
