/// A validated pointer into an external data file: the path is inside the model's directory (no absolute
/// path, no `..`, no symlink leaving it) and `offset + length` lies within the file at load time.
struct ExternalDataReference: Sendable, Hashable {
    /// Absolute path of the data file.
    let path: String
    /// Byte offset of the tensor's data in the file.
    let offset: Int
    /// Byte length of the tensor's data.
    let length: Int
}
