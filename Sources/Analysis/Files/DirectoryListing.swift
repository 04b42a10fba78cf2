import Foundation

/// The names in a directory (without `.` and `..`), or why it cannot be listed, from `opendir(3)`.
public enum DirectoryListing {
    /// Why a directory could not be listed: the system's one-line reason ("Permission denied").
    public struct ListError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func names(in path: String) throws(ListError) -> [String] {
        guard let directory = opendir(path) else { throw ListError(description: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
