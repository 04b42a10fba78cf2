import ONNXModel

/// Everything an analysis result depends on besides the code that computed it: the model's bytes (SHA-256),
/// the identity of the liplint build, the whole `AnalysisOptions` except what cannot change a result
/// (`AnalysisOptions.resultDefining`: `jobs`), and which layers were refined to the standard search effort. The options are encoded through their own `Codable`
/// conformance, so an option added to `AnalysisOptions` is part of the key without being copied here.
///
/// Entries store the full key, not only its hash (`fileName`): a lookup trusts an entry only when the stored
/// key equals the requested one (and its authentication code verifies, `AnalysisCacheEntry`).
public struct AnalysisCacheKey: Sendable, Hashable, Codable {
    /// Lower-case hexadecimal SHA-256 of the model file.
    public var modelSHA256: String
    /// The liplint version and build the entry was computed by (see `AnalysisCache.toolIdentity`).
    public var toolIdentity: String
    /// `AnalysisOptions.resultDefining` of the analysis.
    public var options: AnalysisOptions
    /// The layers (indices into the analysis's layers) whose size-independent figures were refined to the
    /// standard search effort after a fast pass (`ModelAnalyzer.refine`), sorted; `nil` for an unrefined
    /// analysis (and then absent from the encoding). A refined result is stored under its own key, so the
    /// fast one stays what a fresh fast analysis computes.
    public var refinedLayers: [Int]?

    public init(modelSHA256: String, toolIdentity: String, options: AnalysisOptions, refinedLayers: [Int]? = nil) {
        self.modelSHA256 = modelSHA256
        self.toolIdentity = toolIdentity
        self.options = options.resultDefining
        self.refinedLayers = refinedLayers
    }

    /// The canonical encoding (sorted keys, dictionaries included), which `fileName` hashes and entries store.
    func encoded() -> [UInt8] {
        // Every field is a string, number, flag or a collection of them: encoding cannot fail.
        (try? Array(AnalysisCacheCoding.encoder().encode(self))) ?? []
    }

    /// The entry's file name in the cache directory: the SHA-256 of the canonical key, `.entry`.
    public var fileName: String {
        encoded().withUnsafeBytes { SHA256.hexDigest($0) } + ".entry"
    }
}
