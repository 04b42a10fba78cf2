import Foundation

/// Expands the paths given to `liplint check`: files as given, directories recursively for `*.onnx` files
/// (sorted, hidden directories and `.build` skipped). Paths that do not exist are kept, so that the run
/// reports them as unreadable.
public enum ModelDiscovery {
    /// Model paths in a deterministic order, each once.
    public static func expand(_ paths: [String]) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(PathText.absolute(path)).inserted { result.append(path) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                add(path)
                continue
            }
            for file in onnxFiles(under: path) { add(file) }
        }
        return result
    }

    static func onnxFiles(under directory: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
        var files: [String] = []
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = prefix + name
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                files += onnxFiles(under: path)
            } else if name.lowercased().hasSuffix(".onnx") {
                files.append(path)
            }
        }
        return files
    }
}
