internal import ONNXProtoC

/// The messages of the project's `onnx.proto` subset, as the wire pre-scan sees them: for each field number,
/// how it is encoded and, for embedded messages, which message it holds. Fields not listed here are
/// unknown to protobuf-c too, which skips them without looking inside.
enum WireMessage: UInt8, Sendable {
    case model, graph, node, attribute, tensor, segment, sparseTensor, tensorShape, dimension
    case type, typeTensor, typeSequence, typeMap, typeOptional, typeSparseTensor, valueInfo, function
    case operatorSetID, stringEntry

    /// The message's name in `onnx.proto`, for error messages.
    var protoName: String {
        switch self {
        case .model: return "ModelProto"
        case .graph: return "GraphProto"
        case .node: return "NodeProto"
        case .attribute: return "AttributeProto"
        case .tensor: return "TensorProto"
        case .segment: return "TensorProto.Segment"
        case .sparseTensor: return "SparseTensorProto"
        case .tensorShape: return "TensorShapeProto"
        case .dimension: return "TensorShapeProto.Dimension"
        case .type: return "TypeProto"
        case .typeTensor: return "TypeProto.Tensor"
        case .typeSequence: return "TypeProto.Sequence"
        case .typeMap: return "TypeProto.Map"
        case .typeOptional: return "TypeProto.Optional"
        case .typeSparseTensor: return "TypeProto.SparseTensor"
        case .valueInfo: return "ValueInfoProto"
        case .function: return "FunctionProto"
        case .operatorSetID: return "OperatorSetIdProto"
        case .stringEntry: return "StringStringEntryProto"
        }
    }

    /// Bytes of the C struct protobuf-c allocates for one such message.
    var unpackedSize: Int {
        switch self {
        case .model: return MemoryLayout<Onnx__ModelProto>.size
        case .graph: return MemoryLayout<Onnx__GraphProto>.size
        case .node: return MemoryLayout<Onnx__NodeProto>.size
        case .attribute: return MemoryLayout<Onnx__AttributeProto>.size
        case .tensor: return MemoryLayout<Onnx__TensorProto>.size
        case .segment: return MemoryLayout<Onnx__TensorProto__Segment>.size
        case .sparseTensor: return MemoryLayout<Onnx__SparseTensorProto>.size
        case .tensorShape: return MemoryLayout<Onnx__TensorShapeProto>.size
        case .dimension: return MemoryLayout<Onnx__TensorShapeProto__Dimension>.size
        case .type: return MemoryLayout<Onnx__TypeProto>.size
        case .typeTensor: return MemoryLayout<Onnx__TypeProto__Tensor>.size
        case .typeSequence: return MemoryLayout<Onnx__TypeProto__Sequence>.size
        case .typeMap: return MemoryLayout<Onnx__TypeProto__Map>.size
        case .typeOptional: return MemoryLayout<Onnx__TypeProto__Optional>.size
        case .typeSparseTensor: return MemoryLayout<Onnx__TypeProto__SparseTensor>.size
        case .valueInfo: return MemoryLayout<Onnx__ValueInfoProto>.size
        case .function: return MemoryLayout<Onnx__FunctionProto>.size
        case .operatorSetID: return MemoryLayout<Onnx__OperatorSetIdProto>.size
        case .stringEntry: return MemoryLayout<Onnx__StringStringEntryProto>.size
        }
    }

    /// Whether field `number` is a non-repeated embedded message (`optional` in proto3 terms). A second
    /// occurrence would be merged into the first by the decoder; the wire scan refuses it instead.
    func isSingularMessage(_ number: UInt64) -> Bool {
        switch self {
        case .model: return number == 7
        case .attribute: return number == 5 || number == 6 || number == 22
        case .tensor: return number == 3
        case .sparseTensor: return number == 1 || number == 2
        case .type: return number == 1 || number == 4 || number == 5 || number == 8 || number == 9
        case .typeTensor, .typeSparseTensor, .typeMap, .valueInfo: return number == 2
        case .typeSequence, .typeOptional: return number == 1
        default: return false
        }
    }

    /// How field `number` of this message is encoded, or `nil` when the subset does not declare it.
    func field(_ number: UInt64) -> WireField? {
        switch self {
        case .model:
            switch number {
            case 1, 5: return .varint
            case 2, 3, 4: return .bytes
            case 7: return .message(.graph)
            case 8: return .message(.operatorSetID)
            case 14: return .message(.stringEntry)
            case 25: return .message(.function)
            default: return nil
            }
        case .graph:
            switch number {
            case 1: return .message(.node)
            case 2: return .bytes
            case 5: return .message(.tensor)
            case 15: return .message(.sparseTensor)
            case 11, 12, 13: return .message(.valueInfo)
            case 16: return .message(.stringEntry)
            default: return nil
            }
        case .node:
            switch number {
            case 1, 2, 3, 4, 7: return .bytes
            case 5: return .message(.attribute)
            case 9: return .message(.stringEntry)
            default: return nil
            }
        case .attribute:
            switch number {
            case 1, 4, 9, 21: return .bytes
            case 3, 20: return .varint
            case 2: return .fixed32
            case 5, 10: return .message(.tensor)
            case 6, 11: return .message(.graph)
            case 22: return .message(.sparseTensor)
            case 7: return .repeatedFixed32
            case 8: return .repeatedVarint
            default: return nil
            }
        case .tensor:
            switch number {
            case 1, 5, 7, 11: return .repeatedVarint
            case 2, 14: return .varint
            case 3: return .message(.segment)
            case 4: return .repeatedFixed32
            case 10: return .repeatedFixed64
            case 6, 8, 9: return .bytes
            case 13: return .message(.stringEntry)
            default: return nil
            }
        case .segment:
            return number == 1 || number == 2 ? .varint : nil
        case .sparseTensor:
            switch number {
            case 1, 2: return .message(.tensor)
            case 3: return .repeatedVarint
            default: return nil
            }
        case .tensorShape:
            return number == 1 ? .message(.dimension) : nil
        case .dimension:
            switch number {
            case 1: return .varint
            case 2, 3: return .bytes
            default: return nil
            }
        case .type:
            switch number {
            case 1: return .message(.typeTensor)
            case 4: return .message(.typeSequence)
            case 5: return .message(.typeMap)
            case 9: return .message(.typeOptional)
            case 8: return .message(.typeSparseTensor)
            case 6: return .bytes
            default: return nil
            }
        case .typeTensor, .typeSparseTensor:
            switch number {
            case 1: return .varint
            case 2: return .message(.tensorShape)
            default: return nil
            }
        case .typeSequence, .typeOptional:
            return number == 1 ? .message(.type) : nil
        case .typeMap:
            switch number {
            case 1: return .varint
            case 2: return .message(.type)
            default: return nil
            }
        case .valueInfo:
            switch number {
            case 1: return .bytes
            case 2: return .message(.type)
            default: return nil
            }
        case .function:
            switch number {
            case 1, 4, 5, 6, 10: return .bytes
            case 7: return .message(.node)
            case 9: return .message(.operatorSetID)
            default: return nil
            }
        case .operatorSetID:
            switch number {
            case 1: return .bytes
            case 2: return .varint
            default: return nil
            }
        case .stringEntry:
            return number == 1 || number == 2 ? .bytes : nil
        }
    }
}

/// The encoding of one declared field.
enum WireField: Sendable, Equatable {
    /// An embedded message (wire type 2), scanned recursively.
    case message(WireMessage)
    /// A string or bytes field (wire type 2).
    case bytes
    /// A single varint (wire type 0).
    case varint
    /// A single `float` (wire type 5).
    case fixed32
    /// A repeated varint scalar: wire type 0 per element, or one packed wire-type-2 field.
    case repeatedVarint
    /// A repeated `float`: wire type 5 per element, or packed.
    case repeatedFixed32
    /// A repeated `double`: wire type 1 per element, or packed.
    case repeatedFixed64
}
