import Foundation

/// A file's identity on this machine: its device and inode numbers. Two paths name the same file exactly when
/// their identities are equal, whatever the spelling (`./m.onnx`, an absolute path, a symbolic or hard link).
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file at `path` (symbolic links followed), `nil` when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
