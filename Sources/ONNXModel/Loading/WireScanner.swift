/// A pre-scan of the protobuf wire format, run before protobuf-c sees the bytes.
///
/// protobuf-c recurses once per nesting level without a limit and allocates from declared counts, so a
/// hostile file could exhaust the stack or memory. This scan walks the bytes iteratively with an explicit
/// stack, following the messages of the project's `onnx.proto` subset (`WireMessage`), and checks every tag,
/// varint and length against the enclosing bounds, the nesting depth (of messages and of subgraphs), and an
/// estimate of the memory the decoded messages will take. It allocates nothing proportional to the input
/// beyond its stack of open messages (bounded by the depth limit) and one entry per `raw_data` field of at
/// least `largeRawDataBytes` bytes (counted in the estimate), which lets the loader leave those bytes in the
/// file.
struct WireScanner {
    let path: String
    let limits: LoadLimits

    /// What the scan learned about the file.
    struct Summary: Equatable {
        /// Whether `ModelProto.graph` is present.
        var hasGraph = false
        /// Estimated bytes protobuf-c will allocate to decode the file.
        var estimatedUnpackedBytes = 0
        /// Where in the file the `raw_data` of each tensor with at least `largeRawDataBytes` of it lies, by
        /// the tensor's place in the message tree (the last occurrence when a tensor repeats the field, as
        /// protobuf-c keeps the last).
        var largeRawData: [WirePath: Range<Int>] = [:]
    }

    /// `raw_data` of at least this many bytes is located by the scan (`Summary.largeRawData`).
    static let largeRawDataBytes = 4096

    private struct Frame {
        let message: WireMessage
        let end: Int
        /// Singular message fields already seen in this message, one bit per field number (all below 32).
        var seenSingular: UInt32 = 0
        /// Occurrences so far of each message field of this message, by field number (every message field of
        /// the subset is numbered below 32).
        var occurrences = SIMD32<UInt32>()
    }

    /// Scans `bytes` as a `ModelProto`.
    func scan(_ bytes: UnsafeRawBufferPointer) throws(ModelError) -> Summary {
        var summary = Summary()
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            return summary
        }
        let maxDepth = limits.effectiveMessageDepth
        let maxUnpacked = limits.maxUnpackedBytes(fileSize: bytes.count)
        var stack: [Frame] = [Frame(message: .model, end: bytes.count)]
        var place = WirePath()  // one step per frame below the root
        var graphDepth = -1  // the main graph is depth 0
        var pos = 0
        var estimate = WireMessage.model.unpackedSize

        while let top = stack.last {
            if pos == top.end {
                stack.removeLast()
                if !stack.isEmpty { place.pop() }
                if top.message == .graph { graphDepth -= 1 }
                continue
            }
            let tagOffset = pos
            let tag = try readVarint(base, &pos, end: top.end, maxBytes: 5, what: "field tag")
            let number = tag >> 3
            let wireType = UInt8(tag & 7)
            guard number > 0, number <= 536_870_911 else {
                throw malformed(tagOffset, "invalid field number \(number) in \(top.message.protoName)")
            }
            let declared = top.message.field(number)
            // Temporary bookkeeping protobuf-c keeps for each field occurrence while decoding a message.
            estimate &+= 40

            switch wireType {
            case 0:
                try check(declared, wireType, number, top.message, tagOffset)
                _ = try readVarint(base, &pos, end: top.end, maxBytes: 10, what: "varint")
                if declared == nil { estimate &+= 48 } else if declared == .repeatedVarint { estimate &+= 8 }
            case 1:
                try check(declared, wireType, number, top.message, tagOffset)
                guard top.end - pos >= 8 else { throw malformed(pos, "truncated 8-byte value") }
                pos += 8
                estimate &+= declared == nil ? 48 : 8
            case 5:
                try check(declared, wireType, number, top.message, tagOffset)
                guard top.end - pos >= 4 else { throw malformed(pos, "truncated 4-byte value") }
                pos += 4
                estimate &+= declared == nil ? 48 : 8
            case 2:
                let lengthOffset = pos
                let length = try readVarint(base, &pos, end: top.end, maxBytes: 10, what: "length")
                guard length <= UInt64(top.end - pos) else {
                    throw malformed(
                        lengthOffset,
                        "length \(length) runs past the end of the enclosing \(top.message.protoName) "
                            + "(\(top.end - pos) bytes left)")
                }
                let start = pos
                let end = pos + Int(length)
                switch declared {
                case .message(let inner)?:
                    if top.message.isSingularMessage(number) {
                        // protobuf-c merges a repeated singular message into the first one, copying every
                        // repeated field each time: quadratic in the file size. ONNX writers never repeat them.
                        let bit = UInt32(1) << UInt32(number)
                        guard stack[stack.count - 1].seenSingular & bit == 0 else {
                            throw malformed(
                                tagOffset, "field \(number) of \(top.message.protoName) appears more than once")
                        }
                        stack[stack.count - 1].seenSingular |= bit
                    }
                    if stack.count >= maxDepth {
                        throw .limitExceeded(
                            path: path, reason: "messages nest deeper than \(maxDepth) levels (byte \(tagOffset))")
                    }
                    if inner == .graph {
                        graphDepth += 1
                        if graphDepth > limits.maxSubgraphDepth {
                            throw .limitExceeded(
                                path: path,
                                reason: "subgraphs nest deeper than \(limits.maxSubgraphDepth) levels (byte \(tagOffset))")
                        }
                    }
                    if top.message == .model && inner == .graph { summary.hasGraph = true }
                    estimate &+= inner.unpackedSize &+ 24
                    let slot = Int(number & 31)
                    let occurrence = stack[stack.count - 1].occurrences[slot]
                    stack[stack.count - 1].occurrences[slot] = occurrence &+ 1
                    place.push(field: number, index: Int(occurrence))
                    stack.append(Frame(message: inner, end: end))
                    pos = start  // descend: the loop continues inside the sub-message
                case .bytes?:
                    estimate &+= Int(length) &+ 24
                    if top.message == .tensor && number == 9 && Int(length) >= Self.largeRawDataBytes {
                        summary.largeRawData[place] = start..<end
                        estimate &+= 8 &* place.steps.count &+ 64  // the entry itself
                    }
                    pos = end
                case .repeatedVarint?:
                    var elements = 0
                    while pos < end {
                        _ = try readVarint(base, &pos, end: end, maxBytes: 10, what: "packed varint")
                        elements += 1
                    }
                    estimate &+= elements &* 8
                case .repeatedFixed32?, .repeatedFixed64?:
                    let width = declared == .repeatedFixed32 ? 4 : 8
                    guard Int(length) % width == 0 else {
                        throw malformed(
                            lengthOffset, "packed field \(number) of \(top.message.protoName) has \(length) bytes, "
                                + "not a multiple of \(width)")
                    }
                    estimate &+= Int(length)
                    pos = end
                case .varint?, .fixed32?:
                    throw wrongWireType(wireType, number, top.message, tagOffset)
                case nil:
                    // Unknown to the subset: protobuf-c keeps a copy of the bytes and does not look inside.
                    estimate &+= Int(length) &+ 48
                    pos = end
                }
            case 3, 4:
                throw malformed(tagOffset, "group wire type \(wireType) (not used by ONNX)")
            default:
                throw malformed(tagOffset, "invalid wire type \(wireType)")
            }
            if estimate > maxUnpacked {
                throw .limitExceeded(
                    path: path,
                    reason: "decoding would take more than \(maxUnpacked >> 20) MiB of memory (byte \(tagOffset))")
            }
        }
        summary.estimatedUnpackedBytes = estimate
        return summary
    }

    /// Reads a varint of at most `maxBytes` bytes ending before `end`.
    @inline(__always)
    private func readVarint(
        _ base: UnsafePointer<UInt8>, _ pos: inout Int, end: Int, maxBytes: Int, what: String
    ) throws(ModelError) -> UInt64 {
        let start = pos
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < end else { throw malformed(start, "truncated \(what)") }
            let byte = base[pos]
            pos += 1
            if shift < 64 { result |= UInt64(byte & 0x7F) << shift }
            if byte & 0x80 == 0 { return result }
            shift += 7
            if pos - start >= maxBytes { throw malformed(start, "\(what) longer than \(maxBytes) bytes") }
        }
    }

    /// Throws when a declared field arrives with a scalar wire type its declaration does not allow.
    @inline(__always)
    private func check(
        _ declared: WireField?, _ wireType: UInt8, _ number: UInt64, _ message: WireMessage, _ offset: Int
    ) throws(ModelError) {
        guard let declared else { return }
        let ok: Bool
        switch (declared, wireType) {
        case (.varint, 0), (.repeatedVarint, 0), (.fixed32, 5), (.repeatedFixed32, 5), (.repeatedFixed64, 1):
            ok = true
        default: ok = false
        }
        if !ok { throw wrongWireType(wireType, number, message, offset) }
    }

    private func wrongWireType(_ wireType: UInt8, _ number: UInt64, _ message: WireMessage, _ offset: Int) -> ModelError {
        malformed(offset, "field \(number) of \(message.protoName) has the wrong wire type \(wireType)")
    }

    private func malformed(_ offset: Int, _ reason: String) -> ModelError {
        .malformed(path: path, offset: offset, reason: reason)
    }
}
