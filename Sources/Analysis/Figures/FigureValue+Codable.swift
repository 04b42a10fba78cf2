/// The analysis cache's encoding of a figure: `{"state": "notRequested"}`, `{"state": "unavailable",
/// "reason": …}` or `{"state": "computed", "value": {…}}`, so that the three states and the reason survive
/// the round trip. Anything else fails to decode (and the cache entry is then ignored). Numbers inside
/// `value` follow the cache's coders (`AnalysisCacheCoding`: non-finite numbers as agreed strings).
extension FigureValue: Codable where Value: Codable {
    private enum CodingKeys: String, CodingKey {
        case state, reason, value
    }

    private enum State: String, Codable {
        case notRequested, unavailable, computed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(State.self, forKey: .state) {
        case .notRequested: self = .notRequested
        case .unavailable: self = .unavailable(reason: try container.decode(String.self, forKey: .reason))
        case .computed: self = .computed(try container.decode(Value.self, forKey: .value))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .notRequested:
            try container.encode(State.notRequested, forKey: .state)
        case .unavailable(let reason):
            try container.encode(State.unavailable, forKey: .state)
            try container.encode(reason, forKey: .reason)
        case .computed(let value):
            try container.encode(State.computed, forKey: .state)
            try container.encode(value, forKey: .value)
        }
    }
}
