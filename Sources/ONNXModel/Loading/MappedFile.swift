#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model file mapped read-only into memory. The mapping is released by `unmap()` (the loader calls it
/// once the model is converted) or when the value is dropped.
final class MappedFile {
    /// The mapped bytes; empty after `unmap()`.
    private(set) var bytes: UnsafeRawBufferPointer
    /// The mapped file's identity (device, inode, size, modification time) when it was opened.
    let identity: FileIdentity

    private init(bytes: UnsafeRawBufferPointer, identity: FileIdentity) {
        self.bytes = bytes
        self.identity = identity
    }

    deinit { unmap() }

    /// Releases the mapping (idempotent).
    func unmap() {
        if let base = bytes.baseAddress, bytes.count > 0 {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Maps the file at `path`, refusing what is not a non-empty regular file.
    static func map(path: String) throws(ModelError) -> MappedFile {
        // stat first: opening a FIFO or device could block or have side effects.
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: SystemError.message(code))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw .isDirectory(path: path) }
        if type != S_IFREG { throw .unreadable(path: path, reason: "not a regular file") }

        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(path: path, reason: SystemError.message(errno)) }
        defer { close(fd) }
        if fstat(fd, &info) != 0 { throw .unreadable(path: path, reason: SystemError.message(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        if size == 0 { throw .emptyFile(path: path) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw .unreadable(path: path, reason: "mmap failed: \(SystemError.message(errno))")
        }
        return MappedFile(bytes: UnsafeRawBufferPointer(start: base, count: size), identity: FileIdentity(info))
    }
}

/// Text for `errno` values.
enum SystemError {
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
