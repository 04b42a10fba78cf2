import Analysis
import Foundation

/// Finds, reads and merges configuration: a file and everything it `extends:`, presets by name, or the
/// built-in `default` preset when there is no file. Reads files; never prints.
public struct ConfigurationLoader: Sendable {
    /// File names looked for in each directory, in order.
    public static let fileNames = ["liplint.yml", ".liplint.yml"]

    /// The largest configuration file read, in bytes: configuration is a few kilobytes; more is not one.
    public static let maximumFileBytes = 1 << 20

    public var catalog: RuleCatalog

    public init(catalog: RuleCatalog) { self.catalog = catalog }

    /// The configuration file that applies to a model in `directory`: the first `liplint.yml` or
    /// `.liplint.yml` found in it or a parent directory, or `nil`. Anything there that is not a directory
    /// counts, so that a dangling symbolic link, a FIFO or a device is reported when read rather than
    /// skipped without a word.
    public static func discover(from directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            for name in fileNames {
                let candidate = dir.appendingPathComponent(name).path
                let kind = FileKind(path: candidate, followingLinks: false)
                if kind == .missing || (kind == .directory) { continue }
                if kind == .symbolicLink, FileKind(path: candidate) == .directory { continue }
                return candidate
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// The built-in configuration: the `default` preset.
    public func defaultConfiguration() throws(ConfigurationError) -> Configuration {
        try load(preset: "default", chain: [])
    }

    /// The configuration in the file at `path` with everything it extends (the `default` preset when it
    /// extends nothing).
    public func load(file path: String) throws(ConfigurationError) -> Configuration {
        try load(file: path, chain: [])
    }

    private func load(file path: String, chain: [String]) throws(ConfigurationError) -> Configuration {
        let text: String
        do {
            text = try Self.text(of: path)
        } catch {
            throw .unreadable(file: path, reason: error.description)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let layer = try ConfigParser(catalog: catalog, source: .file(path), baseDirectory: directory).parse(text)
        let base = try base(of: layer, directory: directory, chain: chain + [absolute])
        return base.applying(layer)
    }

    /// The UTF-8 text of the regular file at `path` (at most `maximumFileBytes`).
    private static func text(of path: String) throws(RegularFile.ReadError) -> String {
        let data = try RegularFile.read(path, limit: maximumFileBytes)
        guard let text = String(data: data, encoding: .utf8) else { throw .failed("not UTF-8 text") }
        return text
    }

    private func load(preset name: String, chain: [String]) throws(ConfigurationError) -> Configuration {
        guard let text = Presets.text(named: name) else {
            throw .unknownPreset(file: chain.last ?? "extends", line: 0, name: name, presets: Presets.names)
        }
        let layer = try ConfigParser(catalog: catalog, source: .preset(name), baseDirectory: "/").parse(text)
        let base = try base(of: layer, directory: nil, chain: chain + ["preset:" + name])
        return base.applying(layer)
    }

    /// What `layer` extends: a preset by name, a file relative to its directory, or (for a file that
    /// extends nothing) the `default` preset.
    private func base(of layer: ConfigLayer, directory: String?, chain: [String]) throws(ConfigurationError)
        -> Configuration
    {
        guard let extends = layer.extends else {
            // A preset that extends nothing stands on the rules' own defaults; a file, on the default preset.
            if case .preset = layer.source { return Configuration() }
            return try load(preset: "default", chain: chain)
        }
        let line: Int
        switch extends.origin {
        case .file(_, let l), .preset(_, let l): line = l
        default: line = 0
        }
        if Presets.text(named: extends.value) != nil {
            let key = "preset:" + extends.value
            if chain.contains(key) {
                throw .extendsCycle(file: layer.source.description, line: line, chain: chain + [key])
            }
            return try load(preset: extends.value, chain: chain)
        }
        // Only YAML files: `extends: /etc/passwd` is refused by name, never read.
        let lowercased = extends.value.lowercased()
        let looksLikePath = lowercased.hasSuffix(".yml") || lowercased.hasSuffix(".yaml")
        let resolved = URL(fileURLWithPath: extends.value, relativeTo: directory.map { URL(fileURLWithPath: $0) })
            .standardizedFileURL.path
        guard looksLikePath, directory != nil, FileManager.default.fileExists(atPath: resolved) else {
            throw .unknownPreset(file: layer.source.description, line: line, name: extends.value, presets: Presets.names)
        }
        if chain.contains(resolved) {
            throw .extendsCycle(file: layer.source.description, line: line, chain: chain + [resolved])
        }
        return try load(file: resolved, chain: chain)
    }
}
