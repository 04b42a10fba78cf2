import Foundation

/// Reads small input files (configuration, baselines, cache entries) safely: only regular files, never more
/// than a byte limit, and without blocking. The file is opened with `O_NONBLOCK` (opening a FIFO for reading
/// would otherwise wait for a writer) and checked with `fstat` on the open descriptor, so the file checked is
/// the file read.
public enum RegularFile {
    /// Why a file was not read: one line, without the path (callers say what the file was for).
    public enum ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        case missing
        /// A symbolic link whose target does not exist.
        case danglingLink
        /// A symbolic link where none is accepted (`followingLinks: false`).
        case symbolicLink
        case notRegular(FileKind)
        case tooLarge(bytes: Int, limit: Int)
        case failed(String)

        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .danglingLink: return "a symbolic link to a file that does not exist"
            case .symbolicLink: return "a symbolic link (not followed here)"
            case .notRegular(let kind): return "not a regular file but \(kind)"
            case .tooLarge(let bytes, let limit): return "\(bytes) bytes, more than the limit of \(limit)"
            case .failed(let reason): return reason
            }
        }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    /// - Parameter followingLinks: whether a symbolic link at `path` (the last component) is followed.
    public static func read(_ path: String, limit: Int, followingLinks: Bool = true) throws(ReadError) -> Data {
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !followingLinks { flags |= O_NOFOLLOW }
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT {
                throw FileKind(path: path, followingLinks: false) == .symbolicLink ? .danglingLink : .missing
            }
            if code == ELOOP && !followingLinks { throw .symbolicLink }
            throw .failed(String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .failed(String(cString: strerror(errno))) }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else { throw .notRegular(kind) }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(bytes: size, limit: limit) }
        var data = Data(count: size)
        var total = 0
        while total < size {
            let count = data.withUnsafeMutableBytes { buffer in
                readBytes(descriptor, buffer.baseAddress! + total, size - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
        }
        // A file that grew while read is read to the size it had; one that shrank, to its end.
        if total < size { data.removeSubrange(total...) }
        return data
    }
}

/// `read(2)`, out of reach of `RegularFile.read`'s name.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
