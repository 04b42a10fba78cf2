/// For a (grouped) convolution, the positive and negative parts of the weights summed over the taps, per
/// output channel and input channel of its group: with input channel `i` in `[lo_i, hi_i]` (containing 0,
/// for the zero padding), output channel `o` lies in
/// `[Σ_i P_oi·lo_i + N_oi·hi_i, Σ_i P_oi·hi_i + N_oi·lo_i] + bias_o` — an ℓ∞ bound channel by channel.
struct ChannelSums: Sendable {
    let outChannels: Int
    let inPerGroup: Int
    let groups: Int
    let taps: Int
    /// `positive[o·inPerGroup + iLocal]`.
    private(set) var positive: [Double]
    private(set) var negative: [Double]

    /// `weight(o, iLocal, t)` reads the coefficient from input channel `iLocal` of `o`'s group at tap `t`.
    init(outChannels: Int, inPerGroup: Int, groups: Int, taps: Int, weight: (Int, Int, Int) -> Double) {
        self.outChannels = outChannels
        self.inPerGroup = inPerGroup
        self.groups = groups
        self.taps = taps
        positive = [Double](repeating: 0, count: outChannels * inPerGroup)
        negative = positive
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
    }

    /// The same sums from weights stored pair after pair: the `taps` coefficients of `(o, iLocal)` start at
    /// `(o·inPerGroup + iLocal)·taps` (the Conv layout). The sums run over the taps in order, as in the closure
    /// form; adding `+0` for a coefficient of the other sign leaves a sum unchanged (neither sum can be `-0`:
    /// each starts at `+0` and only ever adds values of one sign, or ±0), so there is no branch to mispredict.
    /// The weights must be finite (`v − max(v, 0)` would turn +∞ into NaN): callers check first.
    init(outChannels: Int, inPerGroup: Int, groups: Int, taps: Int, contiguous w: [Float]) {
        precondition(w.count == outChannels * inPerGroup * taps)
        self.outChannels = outChannels
        self.inPerGroup = inPerGroup
        self.groups = groups
        self.taps = taps
        let pairs = outChannels * inPerGroup
        var positive = [Double](repeating: 0, count: pairs)
        var negative = positive
        w.withUnsafeBufferPointer { w in
            positive.withUnsafeMutableBufferPointer { positive in
                negative.withUnsafeMutableBufferPointer { negative in
                    for pair in 0..<pairs {
                        var p = 0.0, n = 0.0
                        let base = pair &* taps
                        for t in 0..<taps {
                            // For a finite v: `positivePart` is v or +0 (a max instruction, no branch), and
                            // v − positivePart is exactly +0 or v.
                            let v = Double(w[base &+ t])
                            let positivePart = v > 0 ? v : 0
                            p += positivePart
                            n += v - positivePart
                        }
                        positive[pair] = p
                        negative[pair] = n
                    }
                }
            }
        }
        self.positive = positive
        self.negative = negative
    }

    /// `x` when `condition`, else +0, by masking its bits: the compiler turns a plain `condition ? x : 0` back
    /// into a branch, which mispredicts on random signs.
    @inline(__always)
    private static func kept(_ x: Double, if condition: Bool) -> Double {
        Double(bitPattern: x.bitPattern & (0 &- UInt64(condition ? 1 : 0)))
    }

    /// Output channel ranges for input channel ranges `input` (`inPerGroup·groups` of them).
    func ranges(input: [Interval], bias: (Int) -> Interval) -> [Interval] {
        precondition(input.count >= inPerGroup * groups)
        let outPerGroup = max(outChannels / groups, 1)
        // Each input range widened to contain 0, once per input channel rather than once per (o, i) pair.
        let widened = input.map { $0.hull(.point(0)) }
        let magnitude = widened.map(\.magnitude)
        return widened.withUnsafeBufferPointer { widened in
            magnitude.withUnsafeBufferPointer { magnitude in
                positive.withUnsafeBufferPointer { positive in
                    negative.withUnsafeBufferPointer { negative in
                        (0..<outChannels).map { o in
                            let g = o / outPerGroup
                            let r = widened.baseAddress! + g * inPerGroup, m = magnitude.baseAddress! + g * inPerGroup
                            let p = positive.baseAddress! + o * inPerGroup, n = negative.baseAddress! + o * inPerGroup
                            var lo = 0.0, hi = 0.0, slack = 0.0
                            // A zero sum contributes nothing (skipping it also avoids 0·∞): its terms are
                            // replaced by +0, which leaves each sum unchanged (a sum that starts at +0 never
                            // becomes -0), without a branch that mispredicts on 1×1 convs' many zero sums.
                            for i in 0..<inPerGroup {
                                let (pi, ni) = (p[i], n[i])
                                lo += Self.kept(pi * r[i].lower, if: pi != 0)
                                hi += Self.kept(pi * r[i].upper, if: pi != 0)
                                lo += Self.kept(ni * r[i].upper, if: ni != 0)
                                hi += Self.kept(ni * r[i].lower, if: ni != 0)
                                slack += Self.kept((pi - ni) * m[i], if: pi - ni != 0)
                            }
                            slack *= Double(inPerGroup * taps + 2) * .ulpOfOne
                            return Interval(Outward.down(lo - slack), Outward.up(hi + slack)) + bias(o)
                        }
                    }
                }
            }
        }
    }
}
