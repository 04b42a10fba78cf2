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

    /// Output channel ranges for input channel ranges `input` (`inPerGroup·groups` of them).
    func ranges(input: [Interval], bias: (Int) -> Interval) -> [Interval] {
        let outPerGroup = max(outChannels / groups, 1)
        return (0..<outChannels).map { o in
            let g = o / outPerGroup
            var lo = 0.0, hi = 0.0, slack = 0.0
            for iLocal in 0..<inPerGroup {
                let r = input[g * inPerGroup + iLocal].hull(.point(0))
                let p = positive[o * inPerGroup + iLocal]
                let n = negative[o * inPerGroup + iLocal]
                if p != 0 {
                    lo += p * r.lower
                    hi += p * r.upper
                }
                if n != 0 {
                    lo += n * r.upper
                    hi += n * r.lower
                }
                if p - n != 0 { slack += (p - n) * r.magnitude }
            }
            slack *= Double(inPerGroup * taps + 2) * .ulpOfOne
            return Interval(Outward.down(lo - slack), Outward.up(hi + slack)) + bias(o)
        }
    }
}
