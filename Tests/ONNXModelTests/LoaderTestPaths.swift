/// Paths the loader tests use: the package root is three levels above this file
/// (`<root>/Tests/ONNXModelTests/LoaderTestPaths.swift`).
enum LoaderTestPaths {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// `fixtures/real/<name>`.
    static func real(_ name: String) -> String { packageRoot + "/fixtures/real/" + name }

    /// `fixtures/bad/<name>`.
    static func bad(_ name: String) -> String { packageRoot + "/fixtures/bad/" + name }

    /// `fixtures/`: every model the tests read lives in the repository.
    static let fixtures: String = packageRoot + "/fixtures"
}

import TestSupport
@testable import ONNXModel

/// Writing models to fresh temporary directories and loading them.
enum LoaderTestFiles {
    /// Writes `bytes` as `name` into a new temporary directory and returns the file's path.
    static func write(_ bytes: [UInt8], name: String = "model.onnx") throws -> String {
        let dir = try FileIO.makeTemporaryDirectory("liplint-loader")
        let path = dir + "/" + name
        try FileIO.write(bytes, to: path)
        return path
    }

    /// Writes and loads a model.
    static func load(_ bytes: [UInt8], limits: LoadLimits = .init()) throws -> Model {
        let path = try write(bytes)
        return try ModelLoader(limits: limits).load(path: path)
    }

    /// The error loading `bytes` gives, or `nil` when it loads.
    static func error(_ bytes: [UInt8], limits: LoadLimits = .init()) throws -> ModelError? {
        let path = try write(bytes)
        return error(path: path, limits: limits)
    }

    /// The error loading `path` gives, or `nil` when it loads.
    static func error(path: String, limits: LoadLimits = .init()) -> ModelError? {
        do {
            _ = try ModelLoader(limits: limits).load(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// A one-node model with these initializers (and the node's input named after the first).
    static func model(initializers: [ONNXWriter.Tensor], nodes: [ONNXWriter.Node]? = nil) -> [UInt8] {
        ONNXWriter.model(
            graph: ONNXWriter.graph(
                nodes: nodes ?? [ONNXWriter.node(op: "Identity", inputs: [initializers.first?.name ?? "x"], outputs: ["y"])],
                initializers: initializers))
    }
}

extension ModelError {
    /// The case name, for tests that check the kind of error only.
    var kind: String {
        switch self {
        case .fileNotFound: return "fileNotFound"
        case .isDirectory: return "isDirectory"
        case .unreadable: return "unreadable"
        case .emptyFile: return "emptyFile"
        case .gitLFSPointer: return "gitLFSPointer"
        case .malformed: return "malformed"
        case .limitExceeded: return "limitExceeded"
        case .invalidTensor: return "invalidTensor"
        case .invalidExternalData: return "invalidExternalData"
        }
    }
}
