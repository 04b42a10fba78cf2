/// Why layer extraction refused the caller's input shapes. Each message is one line naming the fix.
public enum LayerExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An `--input-shape` names an input the model does not have.
    case unknownInput(name: String, available: [String])
    /// An `--input-shape` whose rank differs from the rank the model records.
    case rankMismatch(name: String, given: [Int], recorded: [Dimension])
    /// An `--input-shape` that contradicts a fixed dim the model records.
    case dimensionMismatch(name: String, axis: Int, given: Int, recorded: Int)
    /// An `--input-shape` with a negative dim, one above 2^31 − 1, or more than 2^53 elements.
    case invalidDimension(name: String, given: [Int])

    public var description: String {
        switch self {
        case .unknownInput(let name, let available):
            return "input shape given for '\(name)', but the model's inputs are: \(available.joined(separator: ", "))"
        case .rankMismatch(let name, let given, let recorded):
            return "input shape \(Self.format(given)) for '\(name)' has rank \(given.count); the model records "
                + "\(recorded.count) dims (\(Self.format(recorded.map(\.description))))"
        case .dimensionMismatch(let name, let axis, let given, let recorded):
            return "input shape for '\(name)' sets dim \(axis) to \(given); the model fixes it to \(recorded)"
        case .invalidDimension(let name, let given):
            return "input shape \(Self.format(given)) for '\(name)' has a dim that is negative or above 2147483647, "
                + "or more than 2^53 elements"
        }
    }

    private static func format(_ dims: [Int]) -> String { format(dims.map(String.init)) }

    /// `1x3x224x224`; long lists cut after `ShapeText.maxListed` entries so that the message stays one short line.
    private static func format(_ dims: [String]) -> String {
        guard dims.count > ShapeText.maxListed else { return dims.joined(separator: "x") }
        return dims.prefix(ShapeText.maxListed).joined(separator: "x") + "x… (\(dims.count) dims)"
    }
}
