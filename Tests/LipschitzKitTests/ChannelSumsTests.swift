import Testing
import TestSupport
@testable import LipschitzKit

/// The contiguous (Conv layout) form of `ChannelSums` and `Interval(values:)` against plain left-to-right
/// references written here: the network bound's JSON must not change by one bit when they run instead.
@Suite struct ChannelSumsTests {
    /// Random finite weights (the contiguous form's precondition) with exact zeros, signed zeros, subnormals
    /// and the largest floats, so that the sums meet every special case.
    static func weights(_ count: Int, _ random: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<40, using: &random) {
            case 0: return 0
            case 1: return -0.0
            case 2: return Bool.random(using: &random) ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude
            case 3: return Bool.random(using: &random) ? .leastNonzeroMagnitude : -.leastNonzeroMagnitude
            default: return Float(random.normal())
            }
        }
    }

    @Test func contiguousSumsEqualTheClosureForm() {
        var random = SeededGenerator(seed: 41)
        for _ in 0..<200 {
            let (groups, inPerGroup) = (Int.random(in: 1...3, using: &random), Int.random(in: 1...6, using: &random))
            // Up to 9 output channels per group: runs of four channels in one group and the channels left over.
            let outChannels = groups * Int.random(in: 1...9, using: &random)
            let taps = [1, 2, 9, 25].randomElement(using: &random)!
            var w = Self.weights(outChannels * inPerGroup * taps, &random)
            // Half the cases have a dead output channel (only signed zeros).
            if Bool.random(using: &random) {
                let o = Int.random(in: 0..<outChannels, using: &random)
                for k in 0..<(inPerGroup * taps) { w[o * inPerGroup * taps + k] = Bool.random(using: &random) ? 0 : -0.0 }
            }
            let fast = ChannelSums(outChannels: outChannels, inPerGroup: inPerGroup, groups: groups, taps: taps, contiguous: w)
            let plain = ChannelSums(outChannels: outChannels, inPerGroup: inPerGroup, groups: groups, taps: taps) { o, i, t in
                Double(w[(o * inPerGroup + i) * taps + t])
            }
            #expect(fast.positive.map(\.bitPattern) == plain.positive.map(\.bitPattern))
            #expect(fast.negative.map(\.bitPattern) == plain.negative.map(\.bitPattern))

            // One case in five has only unbounded inputs (the ranges' shortcut).
            let allUnbounded = Int.random(in: 0..<5, using: &random) == 0
            let inputs = (0..<groups * inPerGroup).map { _ -> Interval in
                let a = random.normal(), b = random.normal()
                return allUnbounded || Int.random(in: 0..<10, using: &random) == 0 ? .unbounded : Interval(min(a, b), max(a, b))
            }
            let ranges = fast.ranges(input: inputs) { _ in .point(0.5) }
            let reference = Self.referenceRanges(plain, input: inputs, bias: .point(0.5))
            #expect(ranges.map(\.lower.bitPattern) == reference.map(\.lower.bitPattern))
            #expect(ranges.map(\.upper.bitPattern) == reference.map(\.upper.bitPattern))
            // The closure form keeps its sums (the weights of ConvTranspose and non-FLOAT layers).
            let stored = plain.ranges(input: inputs) { _ in .point(0.5) }
            #expect(stored.map(\.lower.bitPattern) == reference.map(\.lower.bitPattern))
            #expect(stored.map(\.upper.bitPattern) == reference.map(\.upper.bitPattern))
        }
    }

    /// The contiguous dense form of `CoefficientSums` (lines as rows or as columns) against the closure form.
    @Test func denseSumsEqualTheClosureForm() {
        var random = SeededGenerator(seed: 43)
        for _ in 0..<200 {
            let (rows, cols) = (Int.random(in: 1...9, using: &random), Int.random(in: 1...9, using: &random))
            let w = Self.weights(rows * cols, &random)
            for linesAreRows in [true, false] {
                let fast = CoefficientSums(rows: rows, cols: cols, linesAreRows: linesAreRows, finite: w)
                let plain = CoefficientSums(lines: linesAreRows ? rows : cols, perLine: linesAreRows ? cols : rows) { j, k in
                    Double(linesAreRows ? w[j * cols + k] : w[k * cols + j])
                }
                #expect(fast.positive.map(\.bitPattern) == plain.positive.map(\.bitPattern))
                #expect(fast.negative.map(\.bitPattern) == plain.negative.map(\.bitPattern))
                #expect(fast.terms == plain.terms)
            }
        }
    }

    /// `ChannelSums.ranges` as first written: the widened input range of each (output, input) pair on the fly.
    static func referenceRanges(_ s: ChannelSums, input: [Interval], bias: Interval) -> [Interval] {
        let outPerGroup = max(s.outChannels / s.groups, 1)
        return (0..<s.outChannels).map { o in
            let g = o / outPerGroup
            var lo = 0.0, hi = 0.0, slack = 0.0
            for iLocal in 0..<s.inPerGroup {
                let r = input[g * s.inPerGroup + iLocal].hull(.point(0))
                let p = s.positive[o * s.inPerGroup + iLocal]
                let n = s.negative[o * s.inPerGroup + iLocal]
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
            slack *= Double(s.inPerGroup * s.taps + 2) * .ulpOfOne
            return Interval(Outward.down(lo - slack), Outward.up(hi + slack)) + bias
        }
    }

    /// The range of a list by one left-to-right scan (ties keep the earlier element).
    static func referenceRange(_ values: [Double]) -> Interval {
        guard var lo = values.first, !values.contains(where: \.isNaN) else { return .unbounded }
        var hi = lo
        for v in values {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return Interval(lo, hi)
    }

    @Test func rangeOfValuesEqualsALeftToRightScan() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let count = Int.random(in: 0...40, using: &random)
            // Mostly small integers and signed zeros, so that ties and zero ends are common.
            var values = (0..<count).map { _ -> Float in
                switch Int.random(in: 0..<6, using: &random) {
                case 0: return 0
                case 1: return -0.0
                default: return Float(Int.random(in: (Bool.random(using: &random) ? -3 : 0)...3, using: &random))
                }
            }
            if count > 0, Int.random(in: 0..<20, using: &random) == 0 { values[Int.random(in: 0..<count, using: &random)] = .nan }
            let widened = values.map(Double.init)
            let expected = Self.referenceRange(widened)
            for range in [Interval(values: values), Interval(values: widened)] {
                #expect(range.lower.bitPattern == expected.lower.bitPattern, "\(values)")
                #expect(range.upper.bitPattern == expected.upper.bitPattern, "\(values)")
            }
        }
    }
}
