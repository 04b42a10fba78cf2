internal import CProtobufC
internal import ONNXProtoC

extension ModelConverter {
    /// Converts and validates one `TensorProto`: dims (non-negative, product without overflow), element
    /// type, a single data field whose length matches the element count, the bytes declared against the
    /// bytes that can back them, and external data references.
    /// - Parameter context: where the tensor sits, used in errors when it has no name.
    mutating func tensor(_ pointer: UnsafeMutablePointer<Onnx__TensorProto>, context: String) throws(ModelError)
        -> Tensor
    {
        var tensor = try storedTensor(pointer, context: context)
        tensor.maxDecodedElements = limits.maxTensorElements
        return tensor
    }

    private mutating func storedTensor(_ pointer: UnsafeMutablePointer<Onnx__TensorProto>, context: String)
        throws(ModelError) -> Tensor
    {
        let t = pointer.pointee
        let storedName = Self.string(t.name)
        let name = storedName.isEmpty ? "<unnamed \(context)>" : storedName
        func invalid(_ reason: String) -> ModelError { .invalidTensor(name: name, reason: reason) }

        // Dims and element count.
        var dims: [Int] = []
        dims.reserveCapacity(t.n_dims)
        var count = 1
        // Zero dims counted as 1: no product of a subset of the dims may overflow either.
        var nonZeroCount = 1
        for i in 0..<t.n_dims {
            let d = t.dims[i]
            guard d >= 0 else { throw invalid("negative dimension \(d) in dims \(Self.dimsText(t))") }
            let (product, overflow) = nonZeroCount.multipliedReportingOverflow(by: max(Int(d), 1))
            guard !overflow else { throw invalid("the product of dims \(Self.dimsText(t)) overflows") }
            nonZeroCount = product
            count = count * Int(d)
            dims.append(Int(d))
        }

        // Element type.
        let rawType = t.has_data_type != 0 ? t.data_type : 0
        guard let elementType = ElementType(rawValue: rawType) else {
            throw invalid("unknown data type \(rawType)")
        }
        guard elementType != .undefined else { throw invalid("data type is UNDEFINED") }
        guard t.segment == nil else { throw invalid("segmented tensors are not supported") }

        // Which data fields are present.
        let typedFields: [(String, Int)] = [
            ("float_data", t.n_float_data), ("int32_data", t.n_int32_data), ("string_data", t.n_string_data),
            ("int64_data", t.n_int64_data), ("double_data", t.n_double_data), ("uint64_data", t.n_uint64_data),
        ].filter { $0.1 > 0 }
        let hasRaw = t.has_raw_data != 0 && (t.raw_data.len > 0 || typedFields.isEmpty)
        var present = typedFields.map(\.0)
        if hasRaw { present.insert("raw_data", at: 0) }
        let location = t.has_data_location != 0 ? t.data_location : 0
        guard location == 0 || location == 1 else { throw invalid("unknown data_location \(location)") }
        if location == 0 && t.n_external_data > 0 {
            throw invalid("has external_data entries but data_location is not EXTERNAL")
        }

        let bitsPerElement = Self.bitWidth(elementType)
        let (bitCount, bitOverflow) = count.multipliedReportingOverflow(by: bitsPerElement ?? 8)
        guard !bitOverflow else { throw invalid("dims \(Self.dimsText(t)) of \(elementType) overflow a byte count") }
        let byteCount = (bitCount + 7) / 8

        // External data.
        if location == 1 {
            guard present.isEmpty else { throw invalid("is stored externally but also has \(present[0])") }
            guard bitsPerElement != nil else { throw invalid("\(elementType) values cannot be stored externally") }
            let entries = (0..<t.n_external_data).compactMap { i -> (String, String)? in
                guard let e = t.external_data[i]?.pointee else { return nil }
                return (Self.string(e.key), Self.string(e.value))
            }
            let reference = try externalData.resolve(entries: entries, tensor: name, byteCount: byteCount)
            return Tensor(name: storedName, dims: dims, elementType: elementType, payload: .external(reference))
        }

        guard present.count <= 1 else { throw invalid("has values in both \(present[0]) and \(present[1])") }
        guard let field = present.first else {
            guard count == 0 else { throw invalid("has no data for its \(count) elements (dims \(Self.dimsText(t)))") }
            return Tensor(name: storedName, dims: dims, elementType: elementType, payload: .none)
        }

        // The bytes the tensor declares must fit in the file that stores them.
        let (declared, declaredOverflow) =
            field == "raw_data" ? (byteCount, false) : count.multipliedReportingOverflow(by: Self.minimumEncodedWidth(field))
        guard !declaredOverflow, declared <= fileSize else {
            throw .limitExceeded(
                path: path,
                reason: "tensor '\(name)' declares \(declared) bytes (dims \(Self.dimsText(t)) of \(elementType)) "
                    + "but the file has only \(fileSize)")
        }
        inlineTensorBytes += declared
        let maxInline = limits.maxInlineTensorBytes(fileSize: fileSize)
        guard inlineTensorBytes <= maxInline else {
            throw .limitExceeded(
                path: path, reason: "tensors declare \(inlineTensorBytes) bytes in all, more than the \(maxInline) allowed")
        }

        if field == "raw_data" {
            guard elementType != .string else { throw invalid("STRING tensors cannot use raw_data") }
            guard t.raw_data.len == byteCount else {
                throw invalid(
                    "raw_data has \(t.raw_data.len) bytes but dims \(Self.dimsText(t)) of \(elementType) need \(byteCount)")
            }
            guard byteCount > 0, let base = t.raw_data.data else {
                return Tensor(name: storedName, dims: dims, elementType: elementType, payload: .none)
            }
            let decoded = UnsafeRawBufferPointer(start: base, count: byteCount)
            let payload: TensorPayload =
                fileBacking?.region(at: place, decoded: decoded).map { .file($0) } ?? .raw(Array(decoded))
            return Tensor(name: storedName, dims: dims, elementType: elementType, payload: payload)
        }

        // Typed fields: the field must be the one for the type, with one value per element.
        guard let (expectedField, perElement) = Self.typedField(elementType) else {
            throw invalid("\(elementType) values cannot be stored in \(field)")
        }
        guard field == expectedField else {
            throw invalid("\(elementType) values belong in \(expectedField), found \(field)")
        }
        let stored = typedFields[0].1
        if perElement > 0 {
            guard stored == count * perElement else {
                throw invalid("\(field) has \(stored) value\(stored == 1 ? "" : "s") but dims \(Self.dimsText(t)) need \(count * perElement)")
            }
        }
        let payload: TensorPayload
        switch field {
        case "float_data": payload = .floats(Array(UnsafeBufferPointer(start: t.float_data, count: stored)))
        case "int32_data": payload = .int32s(Array(UnsafeBufferPointer(start: t.int32_data, count: stored)))
        case "int64_data": payload = .int64s(Array(UnsafeBufferPointer(start: t.int64_data, count: stored)))
        case "double_data": payload = .doubles(Array(UnsafeBufferPointer(start: t.double_data, count: stored)))
        case "uint64_data": payload = .uint64s(Array(UnsafeBufferPointer(start: t.uint64_data, count: stored)))
        default: payload = .none  // string_data: kept as a tensor without numeric values
        }
        return Tensor(name: storedName, dims: dims, elementType: elementType, payload: payload)
    }

    /// Bits per element in `raw_data` (and external files); `nil` for STRING.
    static func bitWidth(_ type: ElementType) -> Int? {
        if let bytes = type.byteWidth { return bytes * 8 }
        switch type {
        case .float8e4m3fn, .float8e4m3fnuz, .float8e5m2, .float8e5m2fnuz, .float8e8m0: return 8
        case .uint4, .int4, .float4e2m1: return 4
        case .uint2, .int2: return 2
        default: return nil
        }
    }

    /// The typed field a type's values belong in, and how many entries each element takes (0: not checked,
    /// for the packed sub-byte types).
    static func typedField(_ type: ElementType) -> (String, Int)? {
        switch type {
        case .float: return ("float_data", 1)
        case .complex64: return ("float_data", 2)
        case .double: return ("double_data", 1)
        case .complex128: return ("double_data", 2)
        case .int64: return ("int64_data", 1)
        case .uint32, .uint64: return ("uint64_data", 1)
        case .int32, .int16, .int8, .uint16, .uint8, .bool, .float16, .bfloat16, .float8e4m3fn, .float8e4m3fnuz,
            .float8e5m2, .float8e5m2fnuz, .float8e8m0:
            return ("int32_data", 1)
        case .uint4, .int4, .float4e2m1, .uint2, .int2: return ("int32_data", 0)
        case .string: return ("string_data", 1)
        case .undefined: return nil
        }
    }

    /// The fewest bytes one value of a typed field can take in the file.
    static func minimumEncodedWidth(_ field: String) -> Int {
        switch field {
        case "float_data": return 4
        case "double_data": return 8
        default: return 1
        }
    }

    /// The dims for an error message; at most `ShapeText.maxListed` of them, so one line stays short.
    static func dimsText(_ t: Onnx__TensorProto) -> String {
        ShapeText.list((0..<min(t.n_dims, ShapeText.maxListed + 1)).map { Int(t.dims[$0]) }, total: t.n_dims)
    }
}
