/// Why a node whose inputs are static was not folded.
enum FoldFailure: Error, Equatable {
    /// The operator (or this use of it) is not evaluated by the folder.
    case unsupported
    /// The inputs or attributes are inconsistent; the text says how.
    case invalid(String)
    /// The result would exceed `FoldingLimits`.
    case tooLarge(elements: Int)

    var reason: String {
        switch self {
        case .unsupported: return "not evaluated at analysis time"
        case .invalid(let text): return "cannot be folded: \(text)"
        case .tooLarge(let elements): return "folded value too large (\(elements) elements)"
        }
    }
}
