/// What the command line adds on top of every configuration file: it wins over all of them.
public struct CommandLineSettings: Sendable, Hashable {
    public var failOn: FailLevel?
    /// `--select` rule names or codes (empty: no selection).
    public var select: [String]
    /// `--ignore` rule names or codes.
    public var ignore: [String]
    /// `--input-shape` values.
    public var inputShapes: [String: [Int]]
    /// `--input-range` values.
    public var inputRanges: [String: ClosedRange<Double>]

    public init(
        failOn: FailLevel? = nil, select: [String] = [], ignore: [String] = [], inputShapes: [String: [Int]] = [:],
        inputRanges: [String: ClosedRange<Double>] = [:]
    ) {
        self.failOn = failOn
        self.select = select
        self.ignore = ignore
        self.inputShapes = inputShapes
        self.inputRanges = inputRanges
    }

    /// `configuration` with these settings applied.
    /// - Throws: `ConfigurationError.unknownRuleOnCommandLine` for a rule that does not exist.
    public func apply(to configuration: Configuration, catalog: RuleCatalog) throws(ConfigurationError) -> Configuration {
        var result = configuration
        if let failOn { result.failOn = Located(failOn, .commandLine("--fail-on")) }
        for (name, shape) in inputShapes { result.inputShapes[name] = Located(shape, .commandLine("--input-shape")) }
        for (name, range) in inputRanges {
            result.inputRanges[name] = Located([range.lowerBound, range.upperBound], .commandLine("--input-range"))
        }
        func ids(_ names: [String], _ option: String) throws(ConfigurationError) -> Set<RuleID> {
            var set = Set<RuleID>()
            for name in names.flatMap({ $0.split(separator: ",").map(String.init) }) where !name.isEmpty {
                guard let d = catalog.descriptor(named: name) else {
                    throw .unknownRuleOnCommandLine(option: option, rule: name)
                }
                set.insert(d.id)
            }
            return set
        }
        if !select.isEmpty { result.selected = Located(try ids(select, "--select"), .commandLine("--select")) }
        if !ignore.isEmpty { result.ignored = Located(try ids(ignore, "--ignore"), .commandLine("--ignore")) }
        return result
    }
}
