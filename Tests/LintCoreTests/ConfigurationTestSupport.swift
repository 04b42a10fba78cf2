import Foundation
import LintCore
import LintRules
import TestSupport

/// Writes configuration files into a scratch directory and loads them.
struct ConfigScratch {
    let directory: String

    init() throws { directory = try FileIO.makeTemporaryDirectory("liplint-config") }

    func remove() { FileIO.remove(directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try FileIO.write(Array(text.utf8), to: path)
        return path
    }

    func load(_ name: String) throws -> Configuration {
        try ConfigurationLoader(catalog: AllRules.catalog).load(file: directory + "/" + name)
    }

    /// The error loading `text` gives, as its one-line description.
    func error(_ text: String) throws -> String? {
        try write("liplint.yml", text)
        do {
            _ = try load("liplint.yml")
            return nil
        } catch let error as ConfigurationError {
            return error.description
        }
    }
}
