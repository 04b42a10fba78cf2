/// A violation with the severity the configuration gave it and its stable fingerprint.
public struct Finding: Sendable, Hashable {
    public var rule: RuleID
    public var severity: Severity
    public var location: FindingLocation
    public var message: String
    public var value: Double?
    public var threshold: Double?
    /// Stable across runs and value changes: a hash of the rule code, the model path (relative to the
    /// baseline's directory, or as displayed) and the node name. See `Fingerprint`.
    public var fingerprint: String

    public init(
        rule: RuleID, severity: Severity, location: FindingLocation, message: String, value: Double?,
        threshold: Double?, fingerprint: String
    ) {
        self.rule = rule
        self.severity = severity
        self.location = location
        self.message = message
        self.value = value
        self.threshold = threshold
        self.fingerprint = fingerprint
    }
}
