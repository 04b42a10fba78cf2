#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads ONNX model files into `Model` values.
///
/// Loading maps the file read-only, rejects files that are not models (missing, directory, empty, Git LFS
/// pointer), pre-scans the protobuf encoding against `limits`, hashes the bytes (SHA-256), decodes it with
/// protobuf-c, unmaps the file, and converts the result. Tensor values are not decoded here: they stay in
/// the decoded message (`raw_data`) or in their external file and are decoded on demand by
/// `Tensor.doubles()` and friends; their sizes, types and external paths are validated here.
///
/// Every failure is one `ModelError` whose message names the file (or tensor) and what is wrong.
/// `ModelLoader` holds only its limits; one loader may load many files from several threads.
public struct ModelLoader: Sendable {
    /// The safety limits applied to every file.
    public var limits: LoadLimits

    public init(limits: LoadLimits = .init()) {
        self.limits = limits
    }

    /// The prefix of a Git LFS pointer file.
    static let gitLFSPrefix = Array("version https://git-lfs.github.com/spec/".utf8)

    /// Loads the model at `path`. External data paths are resolved relative to the directory of `path`.
    public func load(path: String) throws(ModelError) -> Model {
        let file = try MappedFile.map(path: path)
        let bytes = file.bytes
        if bytes.count >= Self.gitLFSPrefix.count,
            Self.gitLFSPrefix.withUnsafeBytes({ prefix in
                memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0
            })
        {
            throw .gitLFSPointer(path: path)
        }
        // The wire scan first: it rejects garbage after a few bytes, where hashing would read the whole file.
        let summary = try WireScanner(path: path, limits: limits).scan(bytes)
        guard summary.hasGraph else {
            throw .malformed(path: path, offset: 0, reason: "no graph (ModelProto field 7)")
        }
        let sha256 = SHA256.hexDigest(bytes)
        guard let unpacked = UnpackedModel(bytes: bytes) else {
            throw .malformed(path: path, offset: 0, reason: "the protobuf decoder rejected the message")
        }
        let fileSize = bytes.count
        file.unmap()
        var converter = ModelConverter(
            path: path, fileSize: fileSize, limits: limits, owner: unpacked,
            externalData: ExternalDataResolver(modelPath: path))
        return try converter.model(sha256: sha256)
    }
}
