/// Everything that makes a model unreadable. Each message is one line a user can act on; the CLI prefixes
/// the file path and exits with code 2.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case gitLFSPointer(path: String)
    /// The bytes are not a valid protobuf encoding of an ONNX model (random bytes, truncation).
    case malformed(path: String, offset: Int, reason: String)
    /// A safety limit (nesting depth, tensor bytes vs. file size) was exceeded.
    case limitExceeded(path: String, reason: String)
    /// A tensor whose data does not fit its dims or type.
    case invalidTensor(name: String, reason: String)
    /// An external data reference that is missing, out of range, or points outside the model's directory.
    case invalidExternalData(tensor: String, reason: String)

    /// The file the error names, or `nil` for errors about one tensor (which name the tensor instead).
    public var path: String? {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .unreadable(let path, _), .emptyFile(let path),
            .gitLFSPointer(let path), .malformed(let path, _, _), .limitExceeded(let path, _):
            return path
        case .invalidTensor, .invalidExternalData: return nil
        }
    }

    /// One line: control characters from names and paths in the file (newlines, terminal escapes) are shown
    /// as escapes instead of being printed (`DisplayText`).
    public var description: String { DisplayText.escaped(rawDescription) }

    private var rawDescription: String {
        switch self {
        case .fileNotFound(let path): return "\(path): no such file"
        case .isDirectory(let path): return "\(path): is a directory, not an ONNX model file"
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .emptyFile(let path): return "\(path): file is empty, not an ONNX model"
        case .gitLFSPointer(let path):
            return "\(path): this is a Git LFS pointer, not the model; run git lfs pull"
        case .malformed(let path, let offset, let reason):
            return "\(path): not a valid ONNX model (byte \(offset): \(reason))"
        case .limitExceeded(let path, let reason): return "\(path): refused: \(reason)"
        case .invalidTensor(let name, let reason): return "tensor '\(name)': \(reason)"
        case .invalidExternalData(let tensor, let reason): return "external data of tensor '\(tensor)': \(reason)"
        }
    }
}
