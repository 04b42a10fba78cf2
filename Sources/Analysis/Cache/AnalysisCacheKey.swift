import ONNXModel

/// Everything an analysis result depends on besides the code that computed it: the model's bytes (SHA-256),
/// the identity of the liplint build, and every `AnalysisOptions` field that changes a figure or the network
/// bound. `jobs` is not part of it (the result does not depend on scheduling).
///
/// Entries store the full key, not only its hash (`fileName`): a lookup trusts an entry only when the stored
/// key equals the requested one.
public struct AnalysisCacheKey: Sendable, Hashable, Codable {
    /// An input shape by input name.
    public struct NamedShape: Sendable, Hashable, Codable {
        public var name: String
        public var dims: [Int]
    }

    /// A declared input range by input name.
    public struct NamedRange: Sendable, Hashable, Codable {
        public var name: String
        public var lower: Double
        public var upper: Double
    }

    /// Lower-case hexadecimal SHA-256 of the model file.
    public var modelSHA256: String
    /// The liplint version and build the entry was computed by (see `AnalysisCache.toolIdentity`).
    public var toolIdentity: String
    public var bounds: BoundsSelection
    /// Sorted by name.
    public var inputShapes: [NamedShape]
    public var singularValues: Bool
    public var exactTolerance: Double
    public var asymptoticTolerance: Double
    public var approximationLimit: Int
    /// As given (order kept: the key never equates option sets that were written differently).
    public var wrt: [String]?
    /// Sorted by name.
    public var inputRanges: [NamedRange]
    public var sizeSpecific: Bool
    /// A figure over a cap is unavailable, so the caps change the result.
    public var limits: AnalysisLimits

    public init(modelSHA256: String, toolIdentity: String, options: AnalysisOptions) {
        self.modelSHA256 = modelSHA256
        self.toolIdentity = toolIdentity
        bounds = options.bounds
        inputShapes = options.inputShapes.sorted { $0.key < $1.key }.map { NamedShape(name: $0.key, dims: $0.value) }
        singularValues = options.singularValues
        exactTolerance = options.exactTolerance
        asymptoticTolerance = options.asymptoticTolerance
        approximationLimit = options.approximationLimit
        wrt = options.wrt
        inputRanges = options.inputRanges.sorted { $0.key < $1.key }.map {
            NamedRange(name: $0.key, lower: $0.value.lowerBound, upper: $0.value.upperBound)
        }
        sizeSpecific = options.sizeSpecific
        limits = options.limits
    }

    /// The canonical encoding (sorted keys), which `fileName` hashes and entries store.
    func encoded() -> [UInt8] {
        // Every field is a string, number, flag or array of them: encoding cannot fail.
        (try? Array(AnalysisCacheCoding.encoder().encode(self))) ?? []
    }

    /// The entry's file name in the cache directory: the SHA-256 of the canonical key, `.entry`.
    public var fileName: String {
        encoded().withUnsafeBytes { SHA256.hexDigest($0) } + ".entry"
    }
}
