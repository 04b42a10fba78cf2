/// Why a cache entry could not be stored. Never fatal: the analysis result is still returned and reported.
public enum AnalysisCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory cannot be created or the entry file cannot be written.
    case unwritable(directory: String, reason: String)
    /// The entry would exceed `AnalysisCache.maxEntryBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// The record could not be encoded.
    case notEncodable(String)

    public var description: String {
        switch self {
        case .unwritable(let directory, let reason): return "cannot write the cache in \(directory): \(reason)"
        case .tooLarge(let bytes, let limit): return "cache entry of \(bytes) bytes exceeds the limit of \(limit)"
        case .notEncodable(let reason): return "cache entry cannot be encoded: \(reason)"
        }
    }
}
