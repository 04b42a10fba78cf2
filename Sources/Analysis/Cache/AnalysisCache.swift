import Foundation

/// A directory of analysis results keyed by `AnalysisCacheKey` (one file per key, `AnalysisCacheEntry`).
///
/// Entries are never trusted blindly: a file that is too large, is not a regular file, does not decode, has
/// another format version or key, or fails its authentication (HMAC-SHA256 under the user's
/// `AnalysisCacheSecret`) is reported as `ignored` and replaced by the next `store`. A cache directory or entry
/// that is a symbolic link is neither read nor written through; entries are opened without blocking, so a
/// FIFO cannot hang a run. No lookup or store ever crashes or throws past its result; writes are atomic
/// (`AtomicFile`), so concurrent liplint processes sharing a directory see whole entries only.
///
/// What this defends: a cache directory writable by someone else (shared CI caches, a `.liplint-cache/`
/// committed to a pull request) cannot change a verdict, because an entry is accepted only when it was
/// written by a liplint holding this user's key, for these model bytes and these options. What it does not:
/// someone who can read the key file (the same user, or root) can forge entries.
public struct AnalysisCache: Sendable {
    /// The conventional directory name, created next to the configuration file (`liplint check`).
    public static let directoryName = ".liplint-cache"

    /// Where the entries live; created (with a `.gitignore` that ignores everything in it) by the first store.
    public var directory: String
    /// The liplint version and build, part of every key: a different build never reads another's entries.
    public var toolIdentity: String
    /// Entries larger than this are neither read nor written (bytes).
    public var maxEntryBytes: Int
    /// The key that authenticates every entry written and read.
    public var secret: AnalysisCacheSecret

    public init(directory: String, toolIdentity: String, secret: AnalysisCacheSecret, maxEntryBytes: Int = 256 << 20) {
        self.directory = directory
        self.toolIdentity = toolIdentity
        self.secret = secret
        self.maxEntryBytes = maxEntryBytes
    }

    /// The outcome of a lookup.
    enum Lookup {
        case hit(AnalysisCacheRecord)
        case miss
        /// An entry exists but is not trusted; the reason is one line.
        case ignored(String)
    }

    func path(for key: AnalysisCacheKey) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(key.fileName).path
    }

    /// Reads the entry for `key`: a regular file (not a link, opened without blocking) of at most
    /// `maxEntryBytes`, in a directory that is not a symbolic link.
    func lookup(_ key: AnalysisCacheKey) -> Lookup {
        switch FileKind(path: directory, followingLinks: false) {
        case .missing: return .miss
        case .directory: break
        case .symbolicLink: return .ignored("the cache directory is a symbolic link (not followed)")
        case let kind: return .ignored("the cache directory is \(kind)")
        }
        let data: Data
        do {
            data = try RegularFile.read(path(for: key), limit: maxEntryBytes, followingLinks: false)
        } catch .missing {
            return .miss
        } catch .tooLarge {
            return .ignored("entry is larger than \(maxEntryBytes) bytes")
        } catch {
            return .ignored("entry is \(error.description)")
        }
        switch AnalysisCacheEntry.decode(Array(data), expecting: key, secret: secret) {
        case .success(let record): return .hit(record)
        case .failure(let rejection): return .ignored(rejection.reason)
        }
    }

    /// Writes the entry for `key`, replacing any entry there.
    /// - Throws: `AnalysisCacheError` when the directory or the file cannot be written or the entry is too large.
    func store(_ record: AnalysisCacheRecord, for key: AnalysisCacheKey) throws(AnalysisCacheError) {
        let bytes: [UInt8]
        do {
            bytes = try AnalysisCacheEntry.encode(record, key: key, secret: secret)
        } catch {
            throw .notEncodable(String(describing: error))
        }
        guard bytes.count <= maxEntryBytes else { throw .tooLarge(bytes: bytes.count, limit: maxEntryBytes) }
        try createDirectory()
        do {
            try AtomicFile.write(Data(bytes), to: path(for: key), throughSpecialFiles: false)
        } catch {
            throw .unwritable(directory: directory, reason: error.description)
        }
    }

    /// Creates the directory with a `.gitignore` of `*`, so that the cache is never committed by accident.
    private func createDirectory() throws(AnalysisCacheError) {
        switch FileKind(path: directory, followingLinks: false) {
        case .missing: break
        case .directory: return
        case .symbolicLink: throw .unwritable(directory: directory, reason: "a symbolic link (not followed)")
        default: throw .unwritable(directory: directory, reason: "not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(directory: directory, reason: (error as NSError).localizedDescription)
        }
        let ignore = URL(fileURLWithPath: directory).appendingPathComponent(".gitignore").path
        try? AtomicFile.write(
            Data("# created by liplint: the analysis cache is local\n*\n".utf8), to: ignore, throughSpecialFiles: false)
    }
}
