import Foundation
import LintCore
import Testing
import TestSupport

/// `DecimalText` against exact decimal reasoning (`ExactDecimalOracle`), on randomized doubles with fixed seeds.
@Suite struct DecimalTextTests {
    typealias Oracle = ExactDecimalOracle

    /// Doubles over the whole positive range, plus values just beside short decimals and powers of ten, where
    /// rounding to nearest and directed rounding part ways.
    static func samples(seed: UInt64, count: Int) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        var out: [Double] = [5e-324, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, 1, 0.1, 1.001]
        for _ in 0..<count {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                out.append(Double(bitPattern: UInt64.random(in: 1..<0x7FF0_0000_0000_0000, using: &rng)))
            case 1:
                out.append(Double.random(in: 1e-3..<1e6, using: &rng))
            case 2:
                // A short decimal, moved by a few ulps either way.
                let short = Double(Int.random(in: 1..<1_000_000, using: &rng)) * pow(10, Double(Int.random(in: -12...6, using: &rng)))
                var v = short
                for _ in 0..<Int.random(in: 0...3, using: &rng) { v = Bool.random(using: &rng) ? v.nextUp : v.nextDown }
                out.append(v)
            default:
                // Just below a power of ten: rounding up carries into a new digit.
                let power = pow(10, Double(Int.random(in: -8...8, using: &rng)))
                out.append(power * (1 - Double.random(in: 0..<1e-6, using: &rng)))
            }
        }
        return out.filter { $0.isFinite && $0 > 0 }
    }

    /// `n · 10^q` rewritten on the grid of `digits` significant digits of `v`'s decade: `(N, u)` with value
    /// `N · 10^u`; `nil` when the printed number is not on that grid (too many digits).
    static func onGrid(_ parsed: (n: UInt64, q: Int), of v: Double, digits: Int) -> (n: UInt64, u: Int)? {
        let u = Oracle.decade(v) - digits + 1
        var n = parsed.n, q = parsed.q
        while q > u {
            guard n < UInt64.max / 10 else { return nil }
            n *= 10
            q -= 1
        }
        while q < u {
            guard n % 10 == 0 else { return nil }
            n /= 10
            q += 1
        }
        return (n, u)
    }

    @Test(arguments: [Rounding.up, .down, .nearest])
    func roundedTextIsTheRightNeighbourOnTheDecimalGrid(_ rounding: Rounding) throws {
        for (k, v) in Self.samples(seed: 14, count: 3000).enumerated() {
            let digits = 1 + k % 9
            let text = DecimalText.text(v, rounding, digits: digits)
            let parsed = try #require(Oracle.parse(text), "\(text) is not a plain decimal")
            #expect(Oracle.significantDigits(parsed.n) <= digits, "\(v): \(text) has more than \(digits) digits")
            if let short = Oracle.parse(DecimalText.shortest(v)), Oracle.significantDigits(short.n) <= digits {
                #expect(Double(text) == v, "\(v): the round-trip text fits but \(text) was printed")
                continue  // printed exactly as JSON prints it
            }
            let sign = Oracle.compare(parsed.n, tenTo: parsed.q, with: v)
            let grid = try #require(Self.onGrid(parsed, of: v, digits: digits), "\(v): \(text) is off the grid")
            switch rounding {
            case .up:
                #expect(sign >= 0, "\(v): upper text \(text) is below the value")
                #expect(Oracle.compare(grid.n - 1, tenTo: grid.u, with: v) < 0, "\(v): \(text) is not the least upper")
            case .down:
                #expect(sign <= 0, "\(v): lower text \(text) is above the value")
                #expect(Oracle.compare(grid.n + 1, tenTo: grid.u, with: v) > 0, "\(v): \(text) is not the greatest lower")
            case .nearest:
                // Within half a unit of the last digit: (2N−1)·10^u/2 ≤ v ≤ (2N+1)·10^u/2.
                #expect(Oracle.compare((2 * grid.n - 1) * 5, tenTo: grid.u - 1, with: v) <= 0, "\(v): \(text) too far above")
                #expect(Oracle.compare((2 * grid.n + 1) * 5, tenTo: grid.u - 1, with: v) >= 0, "\(v): \(text) too far below")
            }
        }
    }

    @Test func negativeValuesMirrorTheOtherDirection() {
        for v in Self.samples(seed: 15, count: 300) {
            #expect(DecimalText.text(-v, .up) == "-" + DecimalText.text(v, .down))
            #expect(DecimalText.text(-v, .down) == "-" + DecimalText.text(v, .up))
            #expect(DecimalText.text(-v, .nearest) == "-" + DecimalText.text(v, .nearest))
        }
    }

    @Test func shortestReadsBackAsTheSameDouble() {
        for v in Self.samples(seed: 16, count: 3000) {
            let text = DecimalText.shortest(v)
            #expect(Double(text) == v, "\(v) printed as \(text)")
            #expect(Double(DecimalText.shortest(-v)) == -v)
        }
        #expect(DecimalText.shortest(.nan) == "null")
        #expect(DecimalText.shortest(100) == "100")
        #expect(DecimalText.shortest(1e-6) == "1e-6")
    }

    @Test func knownCases() {
        // The example: the true σ∞ 3.3981319… must not print as 3.39813 when it is an upper bound.
        #expect(DecimalText.upper(3.398_131_9) == "3.39814")
        #expect(DecimalText.lower(3.398_131_9) == "3.39813")
        #expect(DecimalText.nearest(3.398_131_9) == "3.39813")
        #expect(DecimalText.upper(142.3) == "142.3")
        #expect(DecimalText.upper(999_999.5) == "1e6")
        #expect(DecimalText.upper(1.5e-7) == "1.5e-7")
        #expect(DecimalText.nearest(0.000_123_456_789) == "0.000123457")
        #expect(DecimalText.text(.infinity, .up) == "inf")
        #expect(DecimalText.text(0, .down) == "0")
    }

    @Test func comparedValuesNeverPrintEqualToTheirThreshold() {
        let shown = DecimalText.compared(1.001_000_4, .nearest, with: 1.001)
        #expect(shown.value == "1.0010004" && shown.threshold == "1.001")
        #expect(DecimalText.compared(1.001_000_4, .up, with: 1.001).value == "1.00101")
        #expect(DecimalText.compared(1.001.nextUp, .nearest, with: 1.001).value == "1.0010000000000001")
        var rng = SeededGenerator(seed: 17)
        for threshold in Self.samples(seed: 18, count: 500) {
            for rounding in [Rounding.up, .down, .nearest] {
                var value = threshold
                let steps = Int.random(in: 1...20, using: &rng)
                let above = Bool.random(using: &rng)
                for _ in 0..<steps { value = above ? value.nextUp : value.nextDown }
                if Bool.random(using: &rng) { value = threshold * (above ? 1 + 4e-7 : 1 - 4e-7) }
                guard value.isFinite, value > 0, value != threshold else { continue }
                let shown = DecimalText.compared(value, rounding, with: threshold)
                #expect(Double(shown.threshold) == threshold)
                let read = Double(shown.value) ?? .nan
                #expect(above ? read > threshold : read < threshold, "\(value) vs \(threshold): \(shown)")
                if rounding == .up { #expect(read >= value) }
                if rounding == .down { #expect(read <= value) }
            }
        }
    }
}
