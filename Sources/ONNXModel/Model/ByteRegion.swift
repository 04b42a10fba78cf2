/// A read-only range of bytes kept valid by `owner` (the unpacked protobuf-c message that holds them).
/// Immutable once made, so sharing it across threads is safe.
struct ByteRegion: @unchecked Sendable {
    /// Keeps `base` alive; never mutated.
    let owner: AnyObject
    let base: UnsafeRawPointer
    let count: Int

    /// The bytes as a buffer; valid while this region (and so its owner) is alive.
    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
