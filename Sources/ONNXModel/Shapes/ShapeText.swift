/// Dims and other integer lists as they appear in messages: long lists are cut, so that a hostile file
/// with 200,000 dims still gets a one-line error of reasonable length.
public enum ShapeText {
    /// The most entries an error message lists.
    public static let maxListed = 8

    /// `[1, 2, 3]`, or `[1, 2, …, 8 of 200000 entries]` style when longer than `maxListed`.
    /// - Parameter total: the list's full length when `values` is only its beginning.
    public static func list(_ values: [Int], total: Int? = nil) -> String {
        let count = total ?? values.count
        guard count > maxListed else { return "[" + values.map(String.init).joined(separator: ", ") + "]" }
        let shown = values.prefix(maxListed).map(String.init).joined(separator: ", ")
        return "[\(shown), … (\(count) entries)]"
    }
}
