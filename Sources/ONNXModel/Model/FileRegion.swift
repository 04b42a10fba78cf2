/// A tensor's `raw_data` left in the model file: `count` bytes at `offset`, read (`pread`) at each decode
/// instead of being held in memory. The loader makes one only after checking that these bytes are exactly the
/// ones protobuf-c decoded for the tensor.
///
/// `identity` is the file's device, inode, size and modification time at load; a read finds the file by
/// `path` again and refuses it when any of them differ (the model was replaced or rewritten since), so a
/// decode never mixes two versions of a model. No file descriptor stays open between reads.
struct FileRegion: Sendable, Hashable {
    /// Absolute path of the model file.
    let path: String
    let offset: Int
    let count: Int
    let identity: FileIdentity
}

/// What identifies one version of a file: device, inode, size and modification time (ns).
struct FileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int
}
