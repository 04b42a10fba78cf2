/// Why layer extraction refused the caller's input shapes. Each message is one line naming the fix.
public enum LayerExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An `--input-shape` names an input the model does not have.
    case unknownInput(name: String, available: [String])
    /// An `--input-shape` whose rank differs from the rank the model records.
    case rankMismatch(name: String, given: [Int], recorded: [Dimension])
    /// An `--input-shape` that contradicts a fixed dim the model records.
    case dimensionMismatch(name: String, axis: Int, given: Int, recorded: Int)
    /// An `--input-shape` with a negative dim or one above 2^31 − 1.
    case invalidDimension(name: String, given: [Int])

    public var description: String {
        switch self {
        case .unknownInput(let name, let available):
            return "input shape given for '\(name)', but the model's inputs are: \(available.joined(separator: ", "))"
        case .rankMismatch(let name, let given, let recorded):
            return "input shape \(Self.format(given)) for '\(name)' has rank \(given.count); the model records "
                + "\(recorded.count) dims (\(recorded.map(\.description).joined(separator: "x")))"
        case .dimensionMismatch(let name, let axis, let given, let recorded):
            return "input shape for '\(name)' sets dim \(axis) to \(given); the model fixes it to \(recorded)"
        case .invalidDimension(let name, let given):
            return "input shape \(Self.format(given)) for '\(name)' has a dim that is negative or above 2147483647"
        }
    }

    private static func format(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "x") }
}
