/// Per-axis counting for pooling windows (docs/spectral-methods §6).
enum PoolGeometry {
    /// The largest number of windows along one axis that contain one pixel:
    /// `m = max_r #{a < k : a·d ≡ r (mod s)}` (exact; `⌈k/s⌉` without dilation).
    static func maxOverlap(kernel k: Int, stride s: Int, dilation d: Int) -> Int {
        guard k > 0, s > 0, d > 0 else { return max(k, 1) }
        var counts = [Int](repeating: 0, count: s)
        for a in 0..<k { counts[(a * d) % s] += 1 }
        return counts.max() ?? 1
    }

    /// Explicit `(begin, end)` pads for one axis from `auto_pad` (`SAME_UPPER`, `SAME_LOWER`, `VALID`) or the
    /// `pads` attribute; `nil` when `SAME_*` needs the unknown size `n`.
    static func pads(autoPad: String, explicit: (Int, Int), n: Int?, kernel k: Int, stride s: Int, dilation d: Int) -> (Int, Int)? {
        switch autoPad {
        case "SAME_UPPER", "SAME_LOWER":
            guard let n else { return nil }
            let out = (n + s - 1) / s
            let total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
            let small = total / 2
            return autoPad == "SAME_UPPER" ? (small, total - small) : (total - small, small)
        case "VALID": return (0, 0)
        default: return explicit
        }
    }

    /// A certified upper bound on the ℓ2 norm of average pooling along one axis of `n` pixels: the Schur test
    /// `√(max_p Σ_{W∋p} 1/|W| · max_W (#pixels in W)/|W|)`, with `|W|` the divisor the operator uses
    /// (the padded window clipped to the padded range when `countIncludePad`, else the pixels in the input).
    /// Without padding and `ceilMode` it is `√(m/k)` (2-wide stride 2: `√½`).
    static func averageSchur(
        n: Int, kernel k: Int, stride s: Int, dilation d: Int, pads: (Int, Int), ceilMode: Bool, countIncludePad: Bool
    ) -> Double {
        let span = n + pads.0 + pads.1 - ((k - 1) * d + 1)
        guard n > 0, span >= 0 else { return 1 }
        let windows = (ceilMode ? (span + s - 1) / s : span / s) + 1
        var column = [Double](repeating: 0, count: n)
        var maxRow = 0.0
        for j in 0..<windows {
            let positions = (0..<k).map { j * s - pads.0 + $0 * d }
            let inside = positions.filter { $0 >= 0 && $0 < n }
            let padded = positions.filter { $0 >= -pads.0 && $0 < n + pads.1 }
            let divisor = countIncludePad ? padded.count : inside.count
            guard divisor > 0, !inside.isEmpty else { continue }
            for p in inside { column[p] += 1 / Double(divisor) }
            maxRow = max(maxRow, Double(inside.count) / Double(divisor))
        }
        let maxColumn = column.max() ?? 0
        // Each term was rounded once; allow k ulps per sum.
        return Outward.sqrt(Outward.up(maxColumn * maxRow * (1 + Double(2 * k + 4) * .ulpOfOne)))
    }

    /// The same bound when the axis length is unknown: `√(m/k)` when every divisor is `k`
    /// (`count_include_pad` without `ceil_mode`), else `√m` (a divisor may be 1).
    static func averageSchurAnySize(kernel k: Int, stride s: Int, dilation d: Int, ceilMode: Bool, countIncludePad: Bool) -> Double {
        let m = Double(maxOverlap(kernel: k, stride: s, dilation: d))
        return countIncludePad && !ceilMode ? Outward.sqrt(Outward.up(m / Double(k))) : Outward.sqrt(m)
    }
}
