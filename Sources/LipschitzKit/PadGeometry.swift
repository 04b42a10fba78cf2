/// Pad along one axis: how many output positions copy one input position.
enum PadGeometry {
    /// The largest number of copies of one input index of an axis of length `n` padded by `(begin, end)`
    /// (negative pads crop) in `mode` (`constant`, `reflect`, `edge`, `wrap`). 1 for constant mode; `nil`
    /// when the padding is not defined (reflect pads ≥ n).
    static func multiplicity(n: Int, begin: Int, end: Int, mode: String) -> Int? {
        if mode == "constant" || (begin <= 0 && end <= 0) { return 1 }
        guard n > 0 else { return nil }
        if mode == "reflect" && (begin >= n || end >= n) && n > 1 { return nil }
        var counts = [Int](repeating: 0, count: n)
        for position in (-begin)..<(n + end) {
            let source: Int
            switch mode {
            case "edge": source = min(max(position, 0), n - 1)
            case "wrap": source = ((position % n) + n) % n
            case "reflect":
                if n == 1 { source = 0 } else {
                    let period = 2 * (n - 1)
                    var p = ((position % period) + period) % period
                    if p >= n { p = period - p }
                    source = p
                }
            default: return nil
            }
            counts[source] += 1
        }
        return counts.max()
    }

    /// A bound when `n` is unknown: reflect `3` (a pixel and at most one mirror image on each side, valid
    /// whenever the pads are below n), edge `begin + end + 1`, wrap `begin + end + 1`.
    static func multiplicityAnySize(begin: Int, end: Int, mode: String) -> Int? {
        if mode == "constant" || (begin <= 0 && end <= 0) { return 1 }
        switch mode {
        case "reflect": return 3
        case "edge", "wrap": return max(begin, 0) + max(end, 0) + 1
        default: return nil
        }
    }
}
