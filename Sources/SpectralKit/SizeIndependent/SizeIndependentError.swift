/// Why a layer's size-independent figures cannot be finite numbers.
public enum SizeIndependentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The weight at this flat index (ONNX layout) is NaN or infinite.
    case nonFiniteWeight(index: Int)

    public var description: String {
        switch self {
        case .nonFiniteWeight(let index): "weight \(index) is not finite"
        }
    }
}
