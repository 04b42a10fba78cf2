/// Everything `liplint rules` and `liplint explain` print about a rule, and what the configuration loader
/// validates against: identity, default severity, typed options with defaults, and the documentation.
public struct RuleDescriptor: Sendable {
    public var id: RuleID
    public var defaultSeverity: Severity
    /// One line: when the rule fires.
    public var summary: String
    /// Why it matters (a paragraph).
    public var rationale: String
    /// A configuration snippet and an example finding.
    public var example: String
    public var options: [OptionSpec]

    public init(
        id: RuleID, defaultSeverity: Severity, summary: String, rationale: String, example: String,
        options: [OptionSpec] = []
    ) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.example = example
        self.options = options
    }

    /// The option named `name`, if the rule has one.
    public func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// Every option at its default.
    public var defaultOptions: OptionValues {
        OptionValues(Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0.defaultValue) }))
    }
}
