/// One thing a rule found, before the linter gives it a severity and a fingerprint.
public struct Violation: Sendable, Hashable {
    public var location: FindingLocation
    /// One line, no trailing period: `certified spectral norm 142.3 exceeds 100`.
    public var message: String
    /// The measured value the message is about, when there is one.
    public var value: Double?
    /// The threshold it was compared against.
    public var threshold: Double?

    public init(location: FindingLocation, message: String, value: Double? = nil, threshold: Double? = nil) {
        self.location = location
        self.message = message
        self.value = value
        self.threshold = threshold
    }
}
