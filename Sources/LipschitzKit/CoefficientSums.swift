/// For a linear map `y_j = Σ_i w_ji·x_i`, the positive and negative parts of each output line's
/// coefficients: `P_j = Σ max(w_ji, 0)`, `N_j = Σ min(w_ji, 0)`. With `x_i ∈ [lo, hi]` this gives the exact
/// interval hull `y_j ∈ [P_j·lo + N_j·hi, P_j·hi + N_j·lo]` (an ℓ∞ → ℓ∞ bound: `|y_j| ≤ (P_j − N_j)·M(x)`).
struct CoefficientSums: Sendable {
    var positive: [Double]
    var negative: [Double]
    /// The most coefficients in one line (for the rounding allowance).
    var terms: Int

    /// Sums over `lines` lines; `coefficient(line, k)` for `k < perLine`.
    init(lines: Int, perLine: Int, coefficient: (Int, Int) -> Double) {
        positive = [Double](repeating: 0, count: lines)
        negative = [Double](repeating: 0, count: lines)
        terms = perLine
        for line in 0..<lines {
            var p = 0.0
            var n = 0.0
            for k in 0..<perLine {
                let w = coefficient(line, k)
                if w > 0 { p += w } else { n += w }
            }
            positive[line] = p
            negative[line] = n
        }
    }

    /// The same sums from a row-major `rows × cols` matrix of finite FLOAT values whose lines are its rows
    /// (`linesAreRows`) or its columns. Each line's sums still run over its coefficients in order, so they are
    /// the closure form's, bit for bit: a finite coefficient goes to one sum and `+0` to the other (neither sum
    /// can be `-0`, see `ChannelSums`). Lines that are columns are summed row after row, all at once, instead of
    /// striding through the matrix once per column.
    init(rows: Int, cols: Int, linesAreRows: Bool, finite w: [Float]) {
        precondition(w.count == rows * cols)
        let lines = linesAreRows ? rows : cols
        var positive = [Double](repeating: 0, count: lines)
        var negative = positive
        w.withUnsafeBufferPointer { w in
            positive.withUnsafeMutableBufferPointer { p in
                negative.withUnsafeMutableBufferPointer { n in
                    if linesAreRows {
                        for line in 0..<rows {
                            var (pl, nl) = (0.0, 0.0)
                            for k in 0..<cols { Self.accumulate(Double(w[line &* cols &+ k]), &pl, &nl) }
                            (p[line], n[line]) = (pl, nl)
                        }
                    } else {
                        for k in 0..<rows {
                            let row = w.baseAddress! + k &* cols
                            for line in 0..<cols { Self.accumulate(Double(row[line]), &p[line], &n[line]) }
                        }
                    }
                }
            }
        }
        self.positive = positive
        self.negative = negative
        terms = linesAreRows ? cols : rows
    }

    /// Adds a finite `v` to the positive sum `p` or the negative sum `n` (the other gets `+0`, no branch).
    @inline(__always)
    private static func accumulate(_ v: Double, _ p: inout Double, _ n: inout Double) {
        let positivePart = v > 0 ? v : 0
        p += positivePart
        n += v - positivePart
    }

    /// The hull over lines of `Σ w·x + bias_j` for `x ∈ input`, where `bias(j)` is each line's offset range.
    /// Widened by `(terms + 2)·ε` relative to the magnitudes, which covers the rounding of the sums.
    func range(input: Interval, bias: (Int) -> Interval) -> Interval {
        var result: Interval?
        let m = input.magnitude
        for j in 0..<positive.count {
            let p = positive[j]
            let n = negative[j]
            let lo = (p == 0 ? 0 : p * input.lower) + (n == 0 ? 0 : n * input.upper)
            let hi = (p == 0 ? 0 : p * input.upper) + (n == 0 ? 0 : n * input.lower)
            let slack = (p - n) == 0 ? 0 : (p - n) * m * Double(terms + 2) * .ulpOfOne
            let line = Interval(Outward.down(lo - slack), Outward.up(hi + slack)) + bias(j)
            result = result.map { $0.hull(line) } ?? line
        }
        return result ?? .point(0)
    }
}
