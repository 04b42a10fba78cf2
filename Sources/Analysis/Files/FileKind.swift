import Foundation

/// What is at a path, from `lstat`/`stat`: liplint reads only regular files and refuses the others by name
/// (a FIFO would block a read, a device would never end), rather than as an unhelpful "permission" error.
public enum FileKind: Sendable, Hashable, CustomStringConvertible {
    case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, missing

    /// The kind of the file at `path`; symbolic links are followed unless `followingLinks` is false.
    public init(path: String, followingLinks: Bool = true) {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        self = status == 0 ? Self(mode: info.st_mode) : .missing
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .characterDevice
        }
    }

    public var description: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a named pipe (FIFO)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .symbolicLink: return "a symbolic link"
        case .missing: return "missing"
        }
    }
}
