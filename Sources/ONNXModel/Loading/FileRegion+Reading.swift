#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileIdentity {
    /// The identity of the file `info` describes.
    init(_ info: stat) {
        #if canImport(Darwin)
        let (seconds, nanoseconds) = (info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec)
        #else
        let (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
        #endif
        self.init(
            device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino),
            size: Int(info.st_size), modifiedSeconds: Int(seconds), modifiedNanoseconds: Int(nanoseconds))
    }
}

extension FileRegion {
    /// Reads `length` bytes starting `start` bytes into the region into `buffer`.
    /// - Throws: `ModelError.invalidTensor` naming `tensor` when the file cannot be opened or read, or is no
    ///   longer the file that was loaded.
    func read(into buffer: UnsafeMutableRawBufferPointer, from start: Int = 0, length: Int, tensor: String)
        throws(ModelError)
    {
        precondition(start >= 0 && length >= 0 && start + length <= count && buffer.count >= length)
        func refuse(_ reason: String) -> ModelError { .invalidTensor(name: tensor, reason: reason) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw refuse("cannot reopen the model file '\(path)': \(SystemError.message(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, FileIdentity(info) == identity else {
            throw refuse("the model file '\(path)' changed since it was loaded; run liplint again")
        }
        var done = 0
        while done < length {
            let n = pread(fd, buffer.baseAddress! + done, length - done, off_t(offset + start + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw refuse("cannot read the model file '\(path)': \(SystemError.message(errno))")
            }
            if n == 0 { throw refuse("the model file '\(path)' ended early") }
            done += n
        }
    }
}
