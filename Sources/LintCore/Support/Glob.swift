/// Shell-style globs for node names and model paths.
///
/// Node globs: `*` matches any run of characters (node names contain `.` and `/`), `?` one character.
/// Path globs: `*` and `?` stay within one path segment, `**` matches any number of segments; a pattern
/// without `/` is matched against the file name only.
public struct Glob: Sendable, Hashable {
    public var pattern: String
    /// Whether `*` may cross `/`.
    var starCrossesSlash: Bool

    /// A node-name glob.
    public init(node pattern: String) {
        self.pattern = pattern
        starCrossesSlash = true
    }

    /// A path glob.
    public init(path pattern: String) {
        self.pattern = pattern
        starCrossesSlash = false
    }

    /// Whether `text` matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        if !starCrossesSlash, !pattern.contains("/") {
            let name = text.split(separator: "/").last.map(String.init) ?? text
            return Self.match(Array(pattern), 0, Array(name), 0, crosses: false)
        }
        return Self.match(Array(pattern), 0, Array(text), 0, crosses: starCrossesSlash)
    }

    private static func match(_ p: [Character], _ i: Int, _ t: [Character], _ j: Int, crosses: Bool) -> Bool {
        var i = i, j = j
        while i < p.count {
            let c = p[i]
            if c == "*" {
                var k = i
                while k < p.count, p[k] == "*" { k += 1 }
                let doubleStar = k - i >= 2
                let crossing = crosses || doubleStar
                // `**/` also matches zero segments.
                if doubleStar, k < p.count, p[k] == "/", match(p, k + 1, t, j, crosses: crosses) { return true }
                var m = j
                while true {
                    if match(p, k, t, m, crosses: crosses) { return true }
                    guard m < t.count, crossing || t[m] != "/" else { return false }
                    m += 1
                }
            }
            guard j < t.count else { return false }
            if c == "?" {
                if !crosses && t[j] == "/" { return false }
            } else if c != t[j] {
                return false
            }
            i += 1
            j += 1
        }
        return j == t.count
    }
}
