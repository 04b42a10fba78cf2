/// The validated options of one rule for one node: every declared option is present (defaults filled in).
/// Rules read them into their typed `Options` struct.
public struct OptionValues: Sendable, Hashable {
    public var values: [String: OptionValue]

    public init(_ values: [String: OptionValue]) { self.values = values }

    public subscript(name: String) -> OptionValue { values[name] ?? .none }

    /// The number option `name`, or `fallback` when unset.
    public func number(_ name: String, default fallback: Double) -> Double { self[name].number ?? fallback }
    /// The optional number option `name`.
    public func optionalNumber(_ name: String) -> Double? { self[name].number }
    public func bool(_ name: String, default fallback: Bool) -> Bool { self[name].bool ?? fallback }
    public func string(_ name: String, default fallback: String) -> String { self[name].string ?? fallback }
    public func strings(_ name: String) -> [String] { self[name].strings ?? [] }
}
