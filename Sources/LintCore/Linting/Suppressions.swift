import ONNXModel

/// Suppressions written into the model itself: a `metadata_props` entry `liplint:ignore` whose value is a
/// comma-separated list of `RULE` (the whole model) or `RULE@node-glob` (matching nodes and outputs).
public struct Suppressions: Sendable, Hashable {
    /// The metadata key.
    public static let key = "liplint:ignore"

    struct Entry: Sendable, Hashable {
        var rule: String
        var nodes: Glob?
    }

    var entries: [Entry]

    /// Parses every `liplint:ignore` entry of `metadata`. Rules that do not exist are kept (and match nothing),
    /// so a model annotated for a newer liplint still lints.
    public init(metadata: [MetadataEntry]) {
        entries = metadata.filter { $0.key == Self.key }.flatMap { entry in
            entry.value.split(separator: ",").compactMap { item -> Entry? in
                let text = String(item).trimmed(" \t\n")
                guard !text.isEmpty else { return nil }
                if let at = text.firstIndex(of: "@") {
                    let rule = String(text[..<at]).trimmed(" \t")
                    let glob = String(text[text.index(after: at)...]).trimmed(" \t")
                    return Entry(rule: rule, nodes: Glob(node: glob))
                }
                return Entry(rule: text, nodes: nil)
            }
        }
    }

    /// Whether a finding of `rule` at `location` is suppressed.
    public func suppresses(_ rule: RuleID, at location: FindingLocation) -> Bool {
        entries.contains { entry in
            guard rule.matches(entry.rule) else { return false }
            guard let glob = entry.nodes else { return true }
            guard let name = location.name else { return false }
            return glob.matches(name)
        }
    }
}

extension String {
    func trimmed(_ set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let first = s.first, chars.contains(first) { s = s.dropFirst() }
        while let last = s.last, chars.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
