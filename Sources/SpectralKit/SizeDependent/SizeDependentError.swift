/// Why a size-dependent figure (`exact`, `embedding`, `circulant`, `approximation`) could not be computed.
public enum SizeDependentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dilated kernel does not fit the padded input: the layer has no output at this size.
    case kernelLargerThanPaddedInput(input: Size2D, effectiveKernel: Size2D)
    /// The figure is not defined for this layer and size (e.g. `circulant` with a stride that does not
    /// divide the input size); the message says why.
    case notApplicable(String)
    /// The computation would exceed its size limit (`approximation` beyond `c_in·n1·n2 ≤ limit`).
    case tooLarge(size: Int, limit: Int)

    public var description: String {
        switch self {
        case let .kernelLargerThanPaddedInput(input, k):
            return "the dilated kernel \(k) does not fit the padded input \(input)"
        case let .notApplicable(why):
            return why
        case let .tooLarge(size, limit):
            return "the operator is too large for this figure (\(size) > \(limit))"
        }
    }
}
