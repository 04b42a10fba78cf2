/// The declaration of one typed rule option: its name in configuration files, its type, its default and a
/// one-line description. The configuration loader validates every value against it.
public struct OptionSpec: Sendable, Hashable {
    /// What values an option accepts.
    public enum ValueType: Sendable, Hashable, CustomStringConvertible {
        /// A finite number ≥ `minimum` (when given).
        case number(minimum: Double?)
        /// A finite number ≥ `minimum`, or `null` for unset.
        case optionalNumber(minimum: Double?)
        case bool
        /// One of a fixed set of words.
        case choice([String])
        /// A list of strings (node-name globs).
        case strings

        public var description: String {
            switch self {
            case .number(let minimum): return "a number" + (minimum.map { " ≥ \(OptionValue.format($0))" } ?? "")
            case .optionalNumber(let minimum):
                return "a number" + (minimum.map { " ≥ \(OptionValue.format($0))" } ?? "") + " or null"
            case .bool: return "true or false"
            case .choice(let words): return "one of " + words.joined(separator: ", ")
            case .strings: return "a list of strings"
            }
        }
    }

    public var name: String
    public var type: ValueType
    public var defaultValue: OptionValue
    public var summary: String

    public init(name: String, type: ValueType, defaultValue: OptionValue, summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }
}
