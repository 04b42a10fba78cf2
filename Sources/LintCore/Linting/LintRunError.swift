import ONNXModel

/// Why a lint run stopped before linting: a configuration or a baseline that cannot be used, or no model to
/// lint (exit code 2).
/// Unreadable models do not stop a run; their reports carry the error.
public enum LintRunError: Error, Sendable, Hashable, CustomStringConvertible {
    case configuration(ConfigurationError)
    case baseline(BaselineError)
    /// The paths hold no `.onnx` file (and `allowEmpty` was not set).
    case noModels(paths: [String])

    public var description: String {
        switch self {
        case .configuration(let error): return error.description
        case .baseline(let error): return error.description
        case .noModels(let paths):
            let list = paths.prefix(3).map { DisplayText.excerpt($0, limit: 200) }.joined(separator: ", ")
                + (paths.count > 3 ? ", …" : "")
            return "no .onnx models found in \(list) (use --allow-empty to accept that)"
        }
    }
}
