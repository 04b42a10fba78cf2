#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads ONNX model files into `Model` values.
///
/// Loading maps the file read-only, rejects files that are not models (missing, directory, empty, Git LFS
/// pointer), pre-scans the protobuf encoding against `limits`, then hashes the bytes (SHA-256, on another
/// thread) while it decodes them with protobuf-c and converts the result, and unmaps the file. Tensor values
/// are not decoded here: a large tensor's `raw_data` stays in the model file (read again at each decode, once
/// checked to be the very bytes protobuf-c decoded), small ones are copied, external data stays in its file;
/// all are decoded on demand by `Tensor.doubles()` and friends; their sizes, types and external paths are
/// validated here. The decoded message is freed before `load` returns, so a loaded model holds no copy of its
/// large weights.
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
        // The hash runs on another thread while protobuf-c decodes the same mapped bytes and the result is
        // converted; it is waited for before the outcome (model or error) leaves, so the mapping outlives it.
        let digest = BackgroundDigest(of: bytes)
        let converted = Result { () throws(ModelError) -> Model in
            guard let unpacked = UnpackedModel(bytes: bytes) else {
                throw .malformed(path: path, offset: 0, reason: "the protobuf decoder rejected the message")
            }
            let absolutePath = path.hasPrefix("/") ? path : ExternalDataResolver.currentDirectory() + "/" + path
            var converter = ModelConverter(
                path: path, fileSize: bytes.count, limits: limits, owner: unpacked,
                externalData: ExternalDataResolver(modelPath: path),
                fileBacking: RawDataBacking(
                    bytes: bytes, locations: summary.largeRawData, path: absolutePath, identity: file.identity))
            return try converter.model(sha256: "")
        }
        let sha256 = digest.wait()
        var model = try converted.get()
        model.sha256 = sha256
        file.unmap()
        return model
    }
}
