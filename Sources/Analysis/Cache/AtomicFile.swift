import Foundation

/// Writes a file so that readers see either its old content or the whole new content, never a part: the bytes
/// go to a temporary file in the same directory (named after the target, the process and a random UUID, so
/// that concurrent writers — threads or processes — never share one), which is then renamed over the target.
public enum AtomicFile {
    /// Why a file could not be written: one line, without the path (callers say what the file was for).
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path` atomically. The directory must exist.
    public static func write(_ bytes: Data, to path: String) throws(WriteError) {
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
}
