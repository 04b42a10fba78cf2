internal import CProtobufC
internal import ONNXProtoC

/// Owns the C `ModelProto` that protobuf-c decoded; frees it when the loader lets go (the converted model
/// keeps nothing of it). Never mutated after `init`.
final class UnpackedModel: @unchecked Sendable {
    let message: UnsafeMutablePointer<Onnx__ModelProto>

    /// Decodes `bytes`; `nil` when protobuf-c rejects them.
    init?(bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let message = onnx__model_proto__unpack(nil, bytes.count, base)
        else { return nil }
        self.message = message
    }

    deinit {
        onnx__model_proto__free_unpacked(message, nil)
    }
}
