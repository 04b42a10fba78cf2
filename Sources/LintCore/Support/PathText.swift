import Foundation

/// Path arithmetic for fingerprints and exclusion: absolute, standardized paths and relative paths.
public enum PathText {
    /// `path` made absolute (against the current directory) and standardized (no `.`/`..`).
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `path` relative to the directory `base` (both made absolute first), using `..` where needed.
    public static func relative(_ path: String, to base: String) -> String {
        let target = absolute(path).split(separator: "/").map(String.init)
        let from = absolute(base).split(separator: "/").map(String.init)
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let parts = ups + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
