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

    /// Whether `text` matches the whole pattern. Time O(pattern × text), whatever the pattern: the pattern
    /// runs as a set of states over the text (no backtracking), so `*a*a*a*…*b` against a long name is as
    /// fast as any other pattern.
    public func matches(_ text: String) -> Bool {
        if !starCrossesSlash, !pattern.contains("/") {
            let name = text.split(separator: "/").last.map(String.init) ?? text
            return Self.run(Self.compile(Array(pattern), crosses: false), on: Array(name))
        }
        return Self.run(Self.compile(Array(pattern), crosses: starCrossesSlash), on: Array(text))
    }

    /// One step of a compiled pattern.
    private enum Token {
        case literal(Character)
        /// `?`: any one character (not `/` unless `crossing`).
        case one(crossing: Bool)
        /// `*` or `**`: any run (not containing `/` unless `crossing`).
        case star(crossing: Bool)
        /// Before a `**/`: either go on into it, or skip it (and its `/`) to match no segment at all. Reads
        /// no character.
        case skipSegments
    }

    private static func compile(_ p: [Character], crosses: Bool) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < p.count {
            guard p[i] == "*" else {
                tokens.append(p[i] == "?" ? .one(crossing: crosses) : .literal(p[i]))
                i += 1
                continue
            }
            var k = i
            while k < p.count, p[k] == "*" { k += 1 }
            let doubleStar = k - i >= 2
            if doubleStar && k < p.count && p[k] == "/" { tokens.append(.skipSegments) }
            tokens.append(.star(crossing: crosses || doubleStar))
            i = k
        }
        return tokens
    }

    /// Simulates the pattern's automaton: `active[s]` says whether `text[..<j]` can leave the pattern at
    /// token `s`.
    private static func run(_ tokens: [Token], on text: [Character]) -> Bool {
        let n = tokens.count
        var active = [Bool](repeating: false, count: n + 1)
        var next = active
        func close(_ states: inout [Bool]) {
            // Epsilon moves only go forward, so one pass in order reaches the closure.
            for s in 0..<n where states[s] {
                switch tokens[s] {
                case .star: states[s + 1] = true
                case .skipSegments: states[s + 1] = true; states[s + 3] = true  // past the star and the `/`
                default: break
                }
            }
        }
        active[0] = true
        close(&active)
        for c in text {
            for s in 0...n { next[s] = false }
            var any = false
            for s in 0..<n where active[s] {
                switch tokens[s] {
                case .literal(let x):
                    if c == x { next[s + 1] = true; any = true }
                case .one(let crossing):
                    if crossing || c != "/" { next[s + 1] = true; any = true }
                case .star(let crossing):
                    if crossing || c != "/" { next[s] = true; any = true }
                case .skipSegments:
                    break
                }
            }
            guard any else { return false }
            close(&next)
            swap(&active, &next)
        }
        return active[n]
    }
}
