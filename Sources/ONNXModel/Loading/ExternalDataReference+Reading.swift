#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ExternalDataReference {
    /// Reads the referenced range into `buffer` (exactly `length` bytes) with `pread`, re-checking that the
    /// file is still a regular file, not a symlink, and long enough.
    func read(into buffer: UnsafeMutableRawBufferPointer, tensor: String) throws(ModelError) {
        func refuse(_ reason: String) -> ModelError { .invalidExternalData(tensor: tensor, reason: reason) }
        precondition(buffer.count >= length)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw refuse("cannot open '\(path)': \(SystemError.message(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw refuse("'\(path)' is no longer a regular file")
        }
        guard Int(info.st_size) >= offset + length else {
            throw refuse("'\(path)' has shrunk to \(info.st_size) bytes since the model was loaded")
        }
        var done = 0
        while done < length {
            let n = pread(fd, buffer.baseAddress! + done, length - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw refuse("cannot read '\(path)': \(SystemError.message(errno))")
            }
            if n == 0 { throw refuse("'\(path)' ended early") }
            done += n
        }
    }
}
