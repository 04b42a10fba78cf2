/// Where a message sits in a decoded model: one step per level below `ModelProto`, each the field number that
/// holds the message and its position among that field's occurrences in the parent. protobuf-c keeps the
/// values of a repeated field in wire order, and the wire scan refuses a repeated singular message, so the
/// scan (walking the bytes) and the converter (walking protobuf-c's structs) name each message alike.
struct WirePath: Hashable, Sendable {
    private(set) var steps: [UInt64] = []

    /// The step for occurrence `index` of message field `field`.
    static func step(field: UInt64, index: Int) -> UInt64 { (field << 32) | (UInt64(truncatingIfNeeded: index) & 0xFFFF_FFFF) }

    mutating func push(field: UInt64, index: Int) { steps.append(Self.step(field: field, index: index)) }
    mutating func pop() { steps.removeLast() }
}
