/// The contents of one configuration file or preset, validated but not yet merged with what it extends.
public struct ConfigLayer: Sendable, Hashable {
    /// Where the layer came from: a file path, or a preset name.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case file(String)
        case preset(String)

        public var description: String {
            switch self {
            case .file(let path): return path
            case .preset(let name): return "rules/\(name).yml"
            }
        }

        func origin(line: Int) -> Origin {
            switch self {
            case .file(let path): return .file(path: path, line: line)
            case .preset(let name): return .preset(name: name, line: line)
            }
        }
    }

    public var source: Source
    /// `extends:` as written.
    public var extends: Located<String>?
    public var failOn: Located<FailLevel>?
    public var inputShapes: [String: Located<[Int]>] = [:]
    /// `input-range:` per input name.
    public var inputRanges: [String: Located<[Double]>] = [:]
    /// `network-bound:` which certified layer figure the network bound multiplies.
    public var networkBound: Located<NetworkBoundFigure>?
    public var rules: [RuleID: RuleSettings] = [:]
    public var overrides: [Override] = []
    public var exclude: [ExcludePattern] = []

    public init(source: Source) { self.source = source }
}
