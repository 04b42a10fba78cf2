import Foundation

/// Writes a file so that readers see either its old content or the whole new content, never a part: the bytes
/// go to a temporary file in the same directory (named after the target, the process and a random UUID, so
/// that concurrent writers — threads or processes — never share one), which is then renamed over the target.
///
/// A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a terminal, a pipe, or a
/// symbolic link to one of them) is written directly instead: renaming over it would replace the device or
/// the link with a regular file. `-` means standard output.
public enum AtomicFile {
    /// Why a file could not be written: one line, without the path (callers say what the file was for).
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path` atomically (directly to a non-regular target). The directory must exist.
    /// - Parameter throughSpecialFiles: whether `-` and a non-regular target (or a link to one) are written
    ///   directly (reports, baselines); when false (cache entries), whatever is at `path` — a link, a FIFO —
    ///   is replaced by the renamed regular file and never written through.
    public static func write(_ bytes: Data, to path: String, throughSpecialFiles: Bool = true) throws(WriteError) {
        if throughSpecialFiles {
            if try writeSpecial(bytes, to: path) { return }
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary)
        } catch {
            throw WriteError(description: (error as NSError).localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: reason)
        }
    }

    /// Writes `bytes` to `-` (standard output) or a non-regular file in place; false for a regular or missing
    /// target, which is left to the rename.
    private static func writeSpecial(_ bytes: Data, to path: String) throws(WriteError) -> Bool {
        if path == "-" {
            try writeDirectly(bytes, descriptor: STDOUT_FILENO)
            return true
        }
        switch FileKind(path: path) {
        case .regular, .missing:
            return false
        case .directory:
            throw WriteError(description: "is a directory")
        default:
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            try writeDirectly(bytes, descriptor: descriptor)
            return true
        }
    }

    private static func writeDirectly(_ bytes: Data, descriptor: Int32) throws(WriteError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += count
            }
        }
        if failure != 0 { throw WriteError(description: String(cString: strerror(failure))) }
    }
}

/// `write(2)`, out of reach of `AtomicFile.write`'s name.
private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
