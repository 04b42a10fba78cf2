#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Validates `external_data` references against the model's directory (docs: onnx ExternalDataSecurity):
/// only the keys `location`, `offset`, `length`, `checksum`; a relative `location` without `..`; no
/// symlink and no hard-linked file on the way from the model's directory to the data file; and
/// `offset + length` within the file. The data is read later, at decode time.
///
/// One exception to "no symlink", for the Hugging Face cache layout (`snapshots/<rev>/model.onnx ->
/// ../../blobs/<hash>`, and the same for its data file): when the model file itself is a symlink, a data
/// file that is a symlink is accepted if it resolves into the very directory the model resolves into.
struct ExternalDataResolver: Sendable {
    /// The directory of the model file as given (not resolved through symlinks), made absolute.
    let directory: String
    /// When the model path is a symlink: the directory of its resolved target.
    let symlinkTargetDirectory: String?

    init(modelPath: String) {
        var dir: String
        if let slash = modelPath.lastIndex(of: "/") {
            dir = String(modelPath[..<slash])
            if dir.isEmpty { dir = "/" }
        } else {
            dir = "."
        }
        if !dir.hasPrefix("/") {
            dir = Self.currentDirectory() + (dir == "." ? "" : "/" + dir)
        }
        directory = dir
        var info = stat()
        if lstat(modelPath, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let real = Self.realPath(modelPath) {
            symlinkTargetDirectory = Self.parent(real)
        } else {
            symlinkTargetDirectory = nil
        }
    }

    private static let allowedKeys: Set<String> = ["location", "offset", "length", "checksum"]

    /// Checks the entries of tensor `tensor`, which needs `byteCount` bytes, and returns where they are.
    func resolve(entries: [(String, String)], tensor: String, byteCount: Int) throws(ModelError)
        -> ExternalDataReference
    {
        func refuse(_ reason: String) -> ModelError { .invalidExternalData(tensor: tensor, reason: reason) }
        var values: [String: String] = [:]
        for (key, value) in entries {
            guard Self.allowedKeys.contains(key) else { throw refuse("unknown key '\(key)'") }
            guard values[key] == nil else { throw refuse("key '\(key)' appears twice") }
            values[key] = value
        }
        guard let location = values["location"], !location.isEmpty else { throw refuse("no 'location' given") }
        guard !location.hasPrefix("/") else { throw refuse("absolute path '\(location)' is not allowed") }
        let components = location.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !components.contains("..") else { throw refuse("path '\(location)' leaves the model's directory (..)") }
        guard !components.isEmpty else { throw refuse("path '\(location)' names no file") }
        let offset = try Self.number(values["offset"], key: "offset", refuse: refuse) ?? 0
        let length = try Self.number(values["length"], key: "length", refuse: refuse)

        // Walk down from the model's directory without following any symlink.
        var current = directory
        var info = stat()
        for (i, component) in components.enumerated() {
            current += (current.hasSuffix("/") ? "" : "/") + component
            if lstat(current, &info) != 0 {
                let code = errno
                if code == ENOENT || code == ENOTDIR { throw refuse("file '\(location)' not found next to the model") }
                throw refuse("cannot read '\(location)': \(SystemError.message(code))")
            }
            var type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                // Only the Hugging Face cache layout: a data file linking next to where the model links.
                guard i == components.count - 1, let target = symlinkTargetDirectory, let real = Self.realPath(current),
                    Self.parent(real) == target, stat(real, &info) == 0
                else { throw refuse("'\(location)' goes through a symlink, which is not allowed") }
                current = real
                type = info.st_mode & S_IFMT
            }
            if i < components.count - 1 {
                guard type == S_IFDIR else { throw refuse("file '\(location)' not found next to the model") }
            } else {
                guard type == S_IFREG else { throw refuse("'\(location)' is not a regular file") }
                guard info.st_nlink <= 1 else { throw refuse("'\(location)' is hard-linked, which is not allowed") }
            }
        }
        let fileSize = Int(info.st_size)
        guard offset <= fileSize else {
            throw refuse("offset \(offset) is past the end of '\(location)' (\(fileSize) bytes)")
        }
        if let length {
            let (end, overflow) = offset.addingReportingOverflow(length)
            guard !overflow, end <= fileSize else {
                throw refuse("offset \(offset) + length \(length) is past the end of '\(location)' (\(fileSize) bytes)")
            }
            guard length == byteCount else {
                throw .invalidTensor(name: tensor, reason: "external data has \(length) bytes but its dims need \(byteCount)")
            }
        } else {
            guard fileSize - offset >= byteCount else {
                throw refuse("'\(location)' has \(fileSize - offset) bytes after offset \(offset), the dims need \(byteCount)")
            }
        }
        return ExternalDataReference(path: current, offset: offset, length: byteCount)
    }

    /// A non-negative decimal number, or `nil` when absent.
    private static func number(_ text: String?, key: String, refuse: (String) -> ModelError) throws(ModelError) -> Int? {
        guard let text else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text) else {
            throw refuse("\(key) '\(text)' is not a non-negative decimal number")
        }
        return value
    }

    /// The canonical absolute path (symlinks resolved), or `nil`.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory part of an absolute path.
    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
