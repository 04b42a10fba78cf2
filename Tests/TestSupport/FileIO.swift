import Foundation

/// Small file-system helpers for tests: temporary directories and writing bytes.
public enum FileIO {
    /// Writes `bytes` to `path`, creating or truncating the file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// A fresh empty directory under the system temporary directory; `label` goes into its name.
    public static func makeTemporaryDirectory(_ label: String = "liplint") throws -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a file or directory tree, ignoring errors.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
