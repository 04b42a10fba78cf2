import Analysis

/// Why `liplint diff` could not compare (exit code 2): a configuration that cannot be used, or a model that
/// cannot be read or analysed with the given options.
public enum DiffRunError: Error, Sendable, Equatable, CustomStringConvertible {
    case configuration(ConfigurationError)
    case model(path: String, AnalysisError)

    /// One line naming the file and the problem.
    public var description: String {
        switch self {
        case .configuration(let error): return error.description
        case .model(let path, let error):
            let text = error.description
            return text.hasPrefix(path) ? text : "\(path): \(text)"
        }
    }
}
