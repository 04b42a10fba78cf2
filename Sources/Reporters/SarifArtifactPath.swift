/// Model paths as SARIF artifact URIs: relative to a root directory (the working directory or
/// `--sarif-root`), with `/` separators and percent-encoding. Pure: the caller supplies both directories.
public enum SarifArtifactPath {
    /// `path` (absolute, or relative to `currentDirectory`) relative to `root` (likewise), `..` where needed.
    public static func relative(_ path: String, root: String, currentDirectory: String) -> String {
        let target = components(path, currentDirectory: currentDirectory)
        let base = components(root, currentDirectory: currentDirectory)
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The standardized components of an absolute path (`.` dropped, `..` applied).
    static func components(_ path: String, currentDirectory: String) -> [String] {
        let full = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        var parts: [String] = []
        for part in full.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts
    }

    /// A relative path as a URI reference: unreserved characters and `/` kept, everything else percent-encoded
    /// (UTF-8), so spaces, `%`, `#` and `?` in file names survive.
    public static func uri(_ relativePath: String) -> String {
        var out = ""
        for byte in relativePath.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
