/// Why a baseline file could not be read or written. One line each, naming the file.
public enum BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid(file: String, reason: String)
    case unwritable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read baseline: \(reason)"
        case .invalid(let file, let reason):
            return "\(file): not a liplint baseline (\(reason)); write one with 'liplint baseline write'"
        case .unwritable(let file, let reason): return "\(file): cannot write baseline: \(reason)"
        }
    }
}
