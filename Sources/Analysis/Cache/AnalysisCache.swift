import Foundation

/// A directory of analysis results keyed by `AnalysisCacheKey` (one file per key, `AnalysisCacheEntry`).
///
/// Entries are never trusted blindly: a file that is too large, does not decode, has another format version or
/// key, or fails its checksum is reported as `ignored` and overwritten by the next `store`. No lookup or store
/// ever crashes or throws past its result; writes are atomic (`AtomicFile`), so concurrent liplint processes
/// sharing a directory see whole entries only.
public struct AnalysisCache: Sendable {
    /// The conventional directory name, created next to the configuration file (`liplint check`).
    public static let directoryName = ".liplint-cache"

    /// Where the entries live; created (with a `.gitignore` that ignores everything in it) by the first store.
    public var directory: String
    /// The liplint version and build, part of every key: a different build never reads another's entries.
    public var toolIdentity: String
    /// Entries larger than this are neither read nor written (bytes).
    public var maxEntryBytes: Int

    public init(directory: String, toolIdentity: String, maxEntryBytes: Int = 256 << 20) {
        self.directory = directory
        self.toolIdentity = toolIdentity
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

    /// Reads the entry for `key`: at most `maxEntryBytes + 1` bytes are read.
    func lookup(_ key: AnalysisCacheKey) -> Lookup {
        let path = path(for: key)
        guard FileManager.default.fileExists(atPath: path) else { return .miss }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .ignored("entry is not readable") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maxEntryBytes + 1) ?? Data()
        } catch {
            return .ignored("entry is not readable")
        }
        guard data.count <= maxEntryBytes else { return .ignored("entry is larger than \(maxEntryBytes) bytes") }
        switch AnalysisCacheEntry.decode(Array(data), expecting: key) {
        case .success(let record): return .hit(record)
        case .failure(let rejection): return .ignored(rejection.reason)
        }
    }

    /// Writes the entry for `key`, replacing any entry there.
    /// - Throws: `AnalysisCacheError` when the directory or the file cannot be written or the entry is too large.
    func store(_ record: AnalysisCacheRecord, for key: AnalysisCacheKey) throws(AnalysisCacheError) {
        let bytes: [UInt8]
        do {
            bytes = try AnalysisCacheEntry.encode(record, key: key)
        } catch {
            throw .notEncodable(String(describing: error))
        }
        guard bytes.count <= maxEntryBytes else { throw .tooLarge(bytes: bytes.count, limit: maxEntryBytes) }
        try createDirectory()
        do {
            try AtomicFile.write(Data(bytes), to: path(for: key))
        } catch {
            throw .unwritable(directory: directory, reason: error.description)
        }
    }

    /// Creates the directory with a `.gitignore` of `*`, so that the cache is never committed by accident.
    private func createDirectory() throws(AnalysisCacheError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .unwritable(directory: directory, reason: "not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(directory: directory, reason: (error as NSError).localizedDescription)
        }
        let ignore = URL(fileURLWithPath: directory).appendingPathComponent(".gitignore").path
        try? AtomicFile.write(Data("# created by liplint: the analysis cache is local\n*\n".utf8), to: ignore)
    }
}
