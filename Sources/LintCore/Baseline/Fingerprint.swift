/// The stable identity of a finding: rule code, model path, node name — never values or line numbers, so
/// a finding keeps its fingerprint while its numbers drift. 64-bit FNV-1a of the three parts, in hex.
public struct Fingerprint: Sendable, Hashable, Codable {
    public var rule: String
    public var path: String
    public var node: String

    public init(rule: String, path: String, node: String) {
        self.rule = rule
        self.path = path
        self.node = node
    }

    /// 16 lower-case hex digits.
    public var hash: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(rule.utf8) + [0] + Array(path.utf8) + [0] + Array(node.utf8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
