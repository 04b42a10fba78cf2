/// An `exclude:` path glob, matched relative to the directory of the file that declared it.
public struct ExcludePattern: Sendable, Hashable {
    public var pattern: String
    /// Absolute directory the pattern is relative to.
    public var baseDirectory: String
    public var origin: Origin

    public init(pattern: String, baseDirectory: String, origin: Origin) {
        self.pattern = pattern
        self.baseDirectory = baseDirectory
        self.origin = origin
    }
}
