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

    /// `../shared/models` beside the clone.
    static let sharedModels: String = packageRoot + "/../shared/models"
}
