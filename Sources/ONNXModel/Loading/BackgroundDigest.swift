import Dispatch

/// The SHA-256 of a byte buffer, computed on another thread while the caller reads the same bytes: the loader
/// hashes the mapped file while protobuf-c decodes it. The caller must keep the bytes mapped until `wait()`
/// returns, and must call it on every path (returning or throwing) before releasing them.
final class BackgroundDigest: @unchecked Sendable {
    // Safe: `bytes` is only read (by the worker, and by the caller concurrently); `hex` is written once by the
    // worker and read only after `group.wait()`, which orders the two.
    private let bytes: UnsafeRawBufferPointer
    private var hex = ""
    private let group = DispatchGroup()

    /// Starts hashing `bytes` on a global queue.
    init(of bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        DispatchQueue.global().async(group: group) { [self] in
            hex = SHA256.hexDigest(self.bytes)
        }
    }

    /// Blocks until the digest is known; the lower-case hexadecimal SHA-256 of the bytes.
    func wait() -> String {
        group.wait()
        return hex
    }
}
