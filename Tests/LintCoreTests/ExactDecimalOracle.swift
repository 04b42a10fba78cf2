/// An independent exact oracle for `DecimalText`: decides how a decimal `N · 10^q` compares with a `Double`
/// by multiplying both sides out to natural numbers (`m · 2^e` for the double) in base-2³² limbs. It shares
/// no code with the formatter (which reads the C library's exact `%e` expansion).
enum ExactDecimalOracle {
    /// A natural number, little-endian base-2³² limbs.
    struct Natural: Comparable {
        var limbs: [UInt32]

        init(_ v: UInt64) {
            limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]
            trim()
        }

        mutating func trim() { while limbs.count > 1, limbs.last == 0 { limbs.removeLast() } }

        mutating func multiply(by factor: UInt32, times: Int) {
            for _ in 0..<max(0, times) {
                var carry: UInt64 = 0
                for k in limbs.indices {
                    let product = UInt64(limbs[k]) * UInt64(factor) + carry
                    limbs[k] = UInt32(truncatingIfNeeded: product)
                    carry = product >> 32
                }
                if carry > 0 { limbs.append(UInt32(carry)) }
            }
        }

        static func < (a: Natural, b: Natural) -> Bool {
            if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
            for k in a.limbs.indices.reversed() where a.limbs[k] != b.limbs[k] { return a.limbs[k] < b.limbs[k] }
            return false
        }
    }

    /// `(m, e)` with `v = m · 2^e` exactly, for a finite positive double.
    static func binary(_ v: Double) -> (UInt64, Int) {
        if v.isNormal { return (v.significandBitPattern | (1 << 52), Int(v.exponentBitPattern) - 1075) }
        return (v.significandBitPattern, -1074)
    }

    /// The sign of `n · 10^q − v` (−1, 0, 1) for a finite positive `v`, exactly.
    static func compare(_ n: UInt64, tenTo q: Int, with v: Double) -> Int {
        let (m, e) = binary(v)
        var left = Natural(n), right = Natural(m)
        // n · 10^q ⋛ m · 2^e  ⇔  n · 10^max(q,0) · 2^max(−e,0) ⋛ m · 2^max(e,0) · 10^max(−q,0)
        left.multiply(by: 10, times: q)
        left.multiply(by: 2, times: -e)
        right.multiply(by: 2, times: e)
        right.multiply(by: 10, times: -q)
        return left < right ? -1 : (right < left ? 1 : 0)
    }

    /// A positive decimal text (`123.45`, `1.5e-7`) as `(N, q)` with value `N · 10^q`; `nil` if it has more
    /// than 18 significant digits or is not plain decimal.
    static func parse(_ text: String) -> (n: UInt64, q: Int)? {
        var mantissa = Substring(text), exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            guard let x = Int(text[text.index(after: e)...]) else { return nil }
            exponent = x
        }
        var digits = "", fraction = 0, seenPoint = false
        for c in mantissa {
            if c == "." {
                seenPoint = true
            } else if c.isASCII, c.isNumber {
                digits.append(c)
                if seenPoint { fraction += 1 }
            } else {
                return nil
            }
        }
        while digits.count > 1, digits.hasPrefix("0") { digits.removeFirst() }
        guard digits.count <= 18, let n = UInt64(digits) else { return nil }
        return (n, exponent - fraction)
    }

    /// Significant digits of `n` (no trailing zeros counted).
    static func significantDigits(_ n: UInt64) -> Int {
        var n = n, count = 0
        while n > 0, n % 10 == 0 { n /= 10 }
        while n > 0 {
            n /= 10
            count += 1
        }
        return count
    }

    /// The decade of a finite positive `v`: the `E` with `10^E ≤ v < 10^(E+1)`, decided exactly.
    static func decade(_ v: Double) -> Int {
        var e = Int((v.exponent == Int.min ? -1074 : Int(v.exponent))) * 30103 / 100_000 - 1
        while compare(1, tenTo: e + 1, with: v) <= 0 { e += 1 }
        while compare(1, tenTo: e, with: v) > 0 { e -= 1 }
        return e
    }
}
