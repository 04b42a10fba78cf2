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
    /// each starts at `+0` and only ever adds values of one sign), so there is no branch to mispredict.
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
                            let v = Double(w[base &+ t])
                            p += v > 0 ? v : 0
                            n += v > 0 ? 0 : v
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
                            for i in 0..<inPerGroup {
                                let (pi, ni) = (p[i], n[i])
                                if pi != 0 {
                                    lo += pi * r[i].lower
                                    hi += pi * r[i].upper
                                }
                                if ni != 0 {
                                    lo += ni * r[i].upper
                                    hi += ni * r[i].lower
                                }
                                if pi - ni != 0 { slack += (pi - ni) * m[i] }
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
