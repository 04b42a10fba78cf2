/// For a (grouped) convolution, the positive and negative parts of the weights summed over the taps, per
/// output channel and input channel of its group: with input channel `i` in `[lo_i, hi_i]` (containing 0,
/// for the zero padding), output channel `o` lies in
/// `[Σ_i P_oi·lo_i + N_oi·hi_i, Σ_i P_oi·hi_i + N_oi·lo_i] + bias_o` — an ℓ∞ bound channel by channel.
struct ChannelSums: Sendable {
    let outChannels: Int
    let inPerGroup: Int
    let groups: Int
    let taps: Int
    /// The sums (`o·inPerGroup + iLocal`), or the finite weights in the Conv layout, from which `ranges` forms
    /// them only when it needs them: not at all when every input range is unbounded (each output range then
    /// depends only on which channels have a non-zero weight), and never for one tap per pair, whose `P =
    /// max(v, 0)` and `N = v − P` are read on the fly (a 1×1 conv has as many pairs as weights: sums in `Double`
    /// would take four times the `Float` weights' memory).
    private let storage: Storage

    private enum Storage: Sendable {
        case sums(positive: [Double], negative: [Double])
        case weights([Float])
    }

    /// `P` per pair (`positive[o·inPerGroup + iLocal]`).
    var positive: [Double] {
        switch storage {
        case .sums(let positive, _): return positive
        case .weights(let w): return Self.sums(of: w, pairs: outChannels * inPerGroup, taps: taps).positive
        }
    }

    /// `N` per pair.
    var negative: [Double] {
        switch storage {
        case .sums(_, let negative): return negative
        case .weights(let w): return Self.sums(of: w, pairs: outChannels * inPerGroup, taps: taps).negative
        }
    }

    /// `weight(o, iLocal, t)` reads the coefficient from input channel `iLocal` of `o`'s group at tap `t`.
    init(outChannels: Int, inPerGroup: Int, groups: Int, taps: Int, weight: (Int, Int, Int) -> Double) {
        self.outChannels = outChannels
        self.inPerGroup = inPerGroup
        self.groups = groups
        self.taps = taps
        var positive = [Double](repeating: 0, count: outChannels * inPerGroup)
        var negative = positive
        for o in 0..<outChannels {
            for i in 0..<inPerGroup {
                var p = 0.0, n = 0.0
                for t in 0..<taps {
                    let w = weight(o, i, t)
                    if w > 0 { p += w } else { n += w }
                }
                positive[o * inPerGroup + i] = p
                negative[o * inPerGroup + i] = n
            }
        }
        storage = .sums(positive: positive, negative: negative)
    }

    /// The same sums from weights stored pair after pair: the `taps` coefficients of `(o, iLocal)` start at
    /// `(o·inPerGroup + iLocal)·taps` (the Conv layout). The sums run over the taps in order, as in the closure
    /// form; adding `+0` for a coefficient of the other sign leaves a sum unchanged (neither sum can be `-0`:
    /// each starts at `+0` and only ever adds values of one sign, or ±0), so there is no branch to mispredict.
    /// The weights are kept as they are and summed only where `ranges` needs a pair's sums (`storage`). They
    /// must be finite (`v − max(v, 0)` would turn +∞ into NaN): callers check first.
    init(outChannels: Int, inPerGroup: Int, groups: Int, taps: Int, contiguous w: [Float]) {
        precondition(w.count == outChannels * inPerGroup * taps)
        self.outChannels = outChannels
        self.inPerGroup = inPerGroup
        self.groups = groups
        self.taps = taps
        storage = .weights(w)
    }

    /// The sums of finite weights in the Conv layout, pair after pair, each over its taps in order (for
    /// `taps == 1`, `+0 + max(v, 0)` and `+0 + (v − max(v, 0))`).
    private static func sums(of w: [Float], pairs: Int, taps: Int) -> (positive: [Double], negative: [Double]) {
        var positive = [Double](repeating: 0, count: pairs)
        var negative = positive
        w.withUnsafeBufferPointer { w in
            positive.withUnsafeMutableBufferPointer { positive in
                negative.withUnsafeMutableBufferPointer { negative in
                    // Four pairs at a time: each pair's two sums still run over its taps in order (the same
                    // numbers), but four pairs' chains of dependent additions overlap.
                    var pair = 0
                    while pair &+ 4 <= pairs {
                        var (p0, p1, p2, p3) = (0.0, 0.0, 0.0, 0.0)
                        var (n0, n1, n2, n3) = (0.0, 0.0, 0.0, 0.0)
                        let b0 = pair &* taps
                        let (b1, b2, b3) = (b0 &+ taps, b0 &+ 2 &* taps, b0 &+ 3 &* taps)
                        for t in 0..<taps {
                            Self.accumulate(Double(w[b0 &+ t]), &p0, &n0)
                            Self.accumulate(Double(w[b1 &+ t]), &p1, &n1)
                            Self.accumulate(Double(w[b2 &+ t]), &p2, &n2)
                            Self.accumulate(Double(w[b3 &+ t]), &p3, &n3)
                        }
                        (positive[pair], positive[pair &+ 1], positive[pair &+ 2], positive[pair &+ 3]) = (p0, p1, p2, p3)
                        (negative[pair], negative[pair &+ 1], negative[pair &+ 2], negative[pair &+ 3]) = (n0, n1, n2, n3)
                        pair &+= 4
                    }
                    while pair < pairs {
                        var p = 0.0, n = 0.0
                        let base = pair &* taps
                        for t in 0..<taps { Self.accumulate(Double(w[base &+ t]), &p, &n) }
                        positive[pair] = p
                        negative[pair] = n
                        pair &+= 1
                    }
                }
            }
        }
        return (positive, negative)
    }

    /// Adds a finite `v` to the positive sum `p` or the negative sum `n`: `split(v)` is `(v, +0)` or `(+0, v)`.
    @inline(__always)
    private static func accumulate(_ v: Double, _ p: inout Double, _ n: inout Double) {
        let (positivePart, negativePart) = PairSource.split(v)
        p += positivePart
        n += negativePart
    }

    /// `x` when `condition`, else +0, by masking its bits: the compiler turns a plain `condition ? x : 0` back
    /// into a branch, which mispredicts on random signs.
    @inline(__always)
    fileprivate static func kept(_ x: Double, if condition: Bool) -> Double {
        Double(bitPattern: x.bitPattern & (0 &- UInt64(condition ? 1 : 0)))
    }

    /// Output channel ranges for input channel ranges `input` (`inPerGroup·groups` of them).
    func ranges(input: [Interval], bias: (Int) -> Interval) -> [Interval] {
        precondition(input.count >= inPerGroup * groups)
        switch storage {
        case .sums(let positive, let negative):
            return positive.withUnsafeBufferPointer { p in
                negative.withUnsafeBufferPointer { n in
                    ranges(PairSource.Stored(p: p.baseAddress!, n: n.baseAddress!), input: input, bias: bias)
                }
            }
        case .weights(let w) where taps == 1:
            return w.withUnsafeBufferPointer { ranges(PairSource.Pointwise(w: $0.baseAddress!), input: input, bias: bias) }
        case .weights(let w):
            return w.withUnsafeBufferPointer {
                ranges(PairSource.Summed(w: $0.baseAddress!, taps: taps), input: input, bias: bias)
            }
        }
    }

    /// The sums of an output channel with a non-zero pair (`P ≠ 0` or `N ≠ 0`, or NaN) on an input whose widened
    /// range has an infinite end: `lo ≤ 0` and `hi ≥ 0` (or NaN) always, as `P ≥ 0 ≥ N` meet `lower ≤ 0 ≤ upper`,
    /// and that pair's slack term `(P − N)·∞` is `+∞` (or NaN), so the range is `(−∞, +∞)` whatever the other
    /// terms: `Outward` and `Interval` turn a NaN end into the infinite one. These sums give that range without
    /// the other terms.
    private static let unboundedSums = RunningSums(lo: -.infinity, hi: .infinity, slack: .infinity)

    private func ranges<Source: PairSums>(_ source: Source, input: [Interval], bias: (Int) -> Interval) -> [Interval] {
        let outPerGroup = max(outChannels / groups, 1)
        // Each input range widened to contain 0, once per input channel rather than once per (o, i) pair.
        let widened = input.map { $0.hull(.point(0)) }
        let magnitude = widened.map(\.magnitude)
        let slackFactor = Double(inPerGroup * taps + 2) * .ulpOfOne
        // The inputs of each group whose range has an infinite end (`unboundedSums`).
        let unboundedInputs: [[Int]] = (0..<groups).map { g in
            (0..<inPerGroup).filter { magnitude[g * inPerGroup + $0] == .infinity }
        }
        var sums = [RunningSums](repeating: RunningSums(), count: outChannels)
        widened.withUnsafeBufferPointer { widened in
            magnitude.withUnsafeBufferPointer { magnitude in
                sums.withUnsafeMutableBufferPointer { sums in
                    /// Whether output channel `o` (pairs from `base`) meets an unbounded input of group `g`.
                    func unbounded(_ base: Int, _ g: Int) -> Bool {
                        guard g < groups else { return false }
                        for i in unboundedInputs[g] where !source.isZero(base + i) { return true }
                        return false
                    }
                    // Four output channels of one group at a time: each channel's sums run over its inputs in
                    // order (the same numbers), four channels' chains of additions overlap.
                    var o = 0
                    while o < outChannels {
                        let g = o / outPerGroup
                        let r = widened.baseAddress! + g * inPerGroup, m = magnitude.baseAddress! + g * inPerGroup
                        let base = o * inPerGroup
                        if o + 3 < outChannels, (o + 3) / outPerGroup == g {
                            let (q1, q2, q3) = (base + inPerGroup, base + 2 * inPerGroup, base + 3 * inPerGroup)
                            if unbounded(base, g) && unbounded(q1, g) && unbounded(q2, g) && unbounded(q3, g) {
                                for k in 0..<4 { sums[o + k] = Self.unboundedSums }
                                o += 4
                                continue
                            }
                            var (s0, s1, s2, s3) = (RunningSums(), RunningSums(), RunningSums(), RunningSums())
                            for i in 0..<inPerGroup {
                                let (ri, mi) = (r[i], m[i])
                                s0.add(source[base + i], ri, mi)
                                s1.add(source[q1 + i], ri, mi)
                                s2.add(source[q2 + i], ri, mi)
                                s3.add(source[q3 + i], ri, mi)
                            }
                            (sums[o], sums[o + 1], sums[o + 2], sums[o + 3]) = (s0, s1, s2, s3)
                            o += 4
                        } else if unbounded(base, g) {
                            sums[o] = Self.unboundedSums
                            o += 1
                        } else {
                            var s = RunningSums()
                            for i in 0..<inPerGroup { s.add(source[base + i], r[i], m[i]) }
                            sums[o] = s
                            o += 1
                        }
                    }
                }
            }
        }
        return sums.enumerated().map { o, s in
            let slack = s.slack * slackFactor
            return Interval(Outward.down(s.lo - slack), Outward.up(s.hi + slack)) + bias(o)
        }
    }

    /// One output channel's running sums in `ranges(input:bias:)`.
    private struct RunningSums {
        var lo = 0.0, hi = 0.0, slack = 0.0

        /// Adds one input channel's terms: the pair's sums `(p, n)`, the widened range `r`, its magnitude `m`.
        /// A zero sum contributes nothing (skipping it also avoids 0·∞): its terms are replaced by +0, which
        /// leaves each sum unchanged (a sum that starts at +0 never becomes -0), without a branch that
        /// mispredicts on 1×1 convs' many zero sums. So the sign of a zero `p` or `n` does not matter either.
        @inline(__always)
        mutating func add(_ sums: (p: Double, n: Double), _ r: Interval, _ m: Double) {
            let (p, n) = sums
            lo += ChannelSums.kept(p * r.lower, if: p != 0)
            hi += ChannelSums.kept(p * r.upper, if: p != 0)
            lo += ChannelSums.kept(n * r.upper, if: n != 0)
            hi += ChannelSums.kept(n * r.lower, if: n != 0)
            slack += ChannelSums.kept((p - n) * m, if: p - n != 0)
        }
    }
}

/// Where `ChannelSums.ranges` reads a pair's `(P, N)`.
private protocol PairSums {
    subscript(pair: Int) -> (p: Double, n: Double) { get }
    /// Whether the pair's `P` and `N` are both zero (false for NaN).
    func isZero(_ pair: Int) -> Bool
}

private enum PairSource {
    /// A finite coefficient's positive and negative parts: `(v, +0)` or `(+0, v)`, up to the sign of a zero
    /// part (`max` is one instruction, no branch; `v − max(v, 0)` is exactly `v` or ±0).
    @inline(__always)
    static func split(_ v: Double) -> (p: Double, n: Double) {
        let positivePart = v > 0 ? v : 0
        return (positivePart, v - positivePart)
    }

    struct Stored: PairSums {
        let p: UnsafePointer<Double>
        let n: UnsafePointer<Double>
        @inline(__always) subscript(pair: Int) -> (p: Double, n: Double) { (p[pair], n[pair]) }
        @inline(__always) func isZero(_ pair: Int) -> Bool { p[pair] == 0 && n[pair] == 0 }
    }

    /// One tap per pair: the pair's sums are its weight's parts (`P = 0 + max(v, 0)` is `max(v, 0)`, and
    /// `N = 0 + (v − max(v, 0))` differs from `v − max(v, 0)` at most in the sign of a zero).
    struct Pointwise: PairSums {
        let w: UnsafePointer<Float>
        @inline(__always) subscript(pair: Int) -> (p: Double, n: Double) { split(Double(w[pair])) }
        @inline(__always) func isZero(_ pair: Int) -> Bool { w[pair] == 0 }
    }

    /// Finite weights in the Conv layout: a pair's sums over its taps in order, formed when read (the same
    /// additions as `ChannelSums.sums(of:pairs:taps:)`). A sum of values of one sign is zero only when every
    /// value is.
    struct Summed: PairSums {
        let w: UnsafePointer<Float>
        let taps: Int
        @inline(__always) subscript(pair: Int) -> (p: Double, n: Double) {
            var p = 0.0, n = 0.0
            let base = pair &* taps
            for t in 0..<taps {
                let (positivePart, negativePart) = split(Double(w[base &+ t]))
                p += positivePart
                n += negativePart
            }
            return (p, n)
        }
        @inline(__always) func isZero(_ pair: Int) -> Bool {
            let base = pair &* taps
            for t in 0..<taps where w[base &+ t] != 0 { return false }
            return true
        }
    }
}
