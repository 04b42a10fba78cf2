import LipschitzKit
import ONNXModel

/// Why a model could not be analysed. Each message is one line naming the file and what to do.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at `path` is not a readable ONNX model.
    case unreadableModel(ModelError, path: String)
    /// The `--input-shape` values do not fit the model.
    case invalidInputShapes(path: String, LayerExtractionError)
    /// `--wrt` or `--input-range` do not fit the model.
    case invalidNetworkOptions(path: String, NetworkBoundError)
    /// `--size-specific` without the size-specific figures.
    case sizeSpecificNeedsStandardBounds

    public var description: String {
        switch self {
        case .unreadableModel(let error, let path):
            // Errors about a tensor name the tensor only: say which file it is in.
            return error.path == nil ? "\(path): \(error.description)" : error.description
        case .invalidInputShapes(let path, let error): return "\(path): \(error.description)"
        case .invalidNetworkOptions(let path, let error): return "\(path): \(error.description)"
        case .sizeSpecificNeedsStandardBounds:
            return "--size-specific needs the size-specific figures: use --bounds standard or all"
        }
    }
}
