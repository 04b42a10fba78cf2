import Foundation
import ONNXModel

/// The per-user secret key that authenticates cache entries (HMAC-SHA256, `AnalysisCacheEntry`).
///
/// Threat model: a cache directory may be writable by someone else (a shared CI cache, a checkout from a pull
/// request with a committed `.liplint-cache/`). Its entries are therefore untrusted input, and a SHA-256 in the
/// entry authenticates nothing, since anyone can compute it. Only entries written by a liplint holding this key
/// are accepted; the key lives outside every cache directory, in a file only its owner can read
/// (`$XDG_CACHE_HOME/liplint/cache-key`, else `~/.cache/liplint/cache-key`, mode 0600), and is created with
/// 32 random bytes on first use.
public struct AnalysisCacheSecret: Sendable, Hashable {
    /// The key file's name in its directory.
    public static let fileName = "cache-key"
    static let byteCount = 32

    /// The key bytes.
    let bytes: [UInt8]

    /// A secret with these bytes (tests; a real key comes from `load(directory:)`).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Why the key could not be loaded or created: caching is then off for the run (never an error).
    public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The directory of the key file for this environment: `$XDG_CACHE_HOME/liplint`, else
    /// `$HOME/.cache/liplint`; `nil` when neither variable is set.
    public static func directory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/liplint" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/liplint" }
        return nil
    }

    /// Reads the key in `directory`, creating the directory (0700) and the key (0600) when missing. A key
    /// file that is a symbolic link, is not a regular file, belongs to another user or can be read by
    /// others is refused: someone else could know or choose the key.
    public static func load(directory: String) throws(LoadError) -> AnalysisCacheSecret {
        let path = directory + "/" + fileName
        if FileKind(path: path, followingLinks: false) == .missing { try create(at: path, in: directory) }
        let data: Data
        do {
            data = try RegularFile.read(path, limit: 4096, followingLinks: false)
        } catch {
            throw LoadError(description: "\(path): \(error.description)")
        }
        var info = stat()
        guard lstat(path, &info) == 0, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            throw LoadError(description: "\(path): must belong to this user with mode 0600")
        }
        guard let hex = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              let bytes = Self.bytes(hex: hex), bytes.count == byteCount
        else {
            throw LoadError(description: "\(path): not a liplint cache key (64 hexadecimal digits)")
        }
        return AnalysisCacheSecret(bytes: bytes)
    }

    /// Writes a fresh key to a temporary file and links it into place, so that concurrent first runs agree
    /// on one key (`link` fails for all but the first; the others read the winner's key).
    private static func create(at path: String, in directory: String) throws(LoadError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LoadError(description: "\(directory): \((error as NSError).localizedDescription)")
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = key.map { String(format: "%02x", $0) }.joined() + "\n"
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LoadError(description: "\(temporary): \(String(cString: strerror(errno)))")
        }
        defer { unlink(temporary) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        guard written == text.utf8.count else { throw LoadError(description: "\(temporary): short write") }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw LoadError(description: "\(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under this key, as lower-case hexadecimal.
    func authenticationCode(_ message: [UInt8]) -> String {
        let blockSize = 64
        var key = bytes.count > blockSize ? bytes.withUnsafeBytes { SHA256.digest($0) } : bytes
        key += Array(repeating: 0, count: blockSize - key.count)
        let inner = key.map { $0 ^ 0x36 } + message
        let innerDigest = inner.withUnsafeBytes { SHA256.digest($0) }
        let outer = key.map { $0 ^ 0x5c } + innerDigest
        return outer.withUnsafeBytes { SHA256.hexDigest($0) }
    }
}
