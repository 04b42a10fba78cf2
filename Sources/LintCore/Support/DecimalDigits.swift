#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact decimal expansion of a finite, non-zero `Double`: `±0.d₁d₂d₃… × 10^exponent` with `d₁ ≠ 0`.
/// Every binary fraction has a finite decimal expansion (at most 767 significant digits); the C library's
/// `%.*e` prints it exactly when asked for enough digits (glibc and Darwin's libc do).
struct DecimalDigits {
    var negative: Bool
    /// Significant digits, 0...9, the first non-zero.
    var digits: [UInt8]
    /// The value is `0.digits × 10^exponent`.
    var exponent: Int

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// The expansion of `v` (finite, non-zero), digit for digit.
    init(exactly v: Double) {
        precondition(v.isFinite && v != 0, "DecimalDigits needs a finite non-zero value")
        // `v = M · 2^q` with an integer `M < 2^53`. For `q < 0` the expansion ends `−q` digits after the point
        // and has at most 16 digits before it; for `q ≥ 0` it is an integer of at most 309 digits. Asking
        // for that many digits (not a flat 800) keeps typical figures cheap (~70 digits near 1).
        let q = Int(v.exponent) - Double.significandBitCount
        let precision = q >= 0 ? 310 : min(800, -q + 20)
        var buffer = [CChar](repeating: 0, count: 1024)
        _ = withVaList([precision, abs(v)]) { vsnprintf(&buffer, buffer.count, "%.*e", $0) }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let e = bytes.firstIndex(of: UInt8(ascii: "e"))!
        var mantissa = bytes[..<e].filter { $0 != UInt8(ascii: ".") }.map { $0 - UInt8(ascii: "0") }
        while mantissa.count > 1, mantissa.last == 0 { mantissa.removeLast() }
        let power = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self))!
        self.init(negative: v < 0, digits: mantissa, exponent: power + 1)
    }

    /// The digits of a finite non-zero decimal text such as `DecimalText.shortest` writes (`-1.25e-7`, `300`).
    init?(decimal text: String) {
        var mantissa = Substring(text), power = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let p = Int(text[text.index(after: e)...]) else { return nil }
            mantissa = text[..<e]
            power = p
        }
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        var digits: [UInt8] = [], integerDigits = 0, seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") {
                seenPoint = true
            } else if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                if digits.isEmpty, c == UInt8(ascii: "0") {
                    if seenPoint { integerDigits -= 1 }
                    continue
                }
                digits.append(c - UInt8(ascii: "0"))
                if !seenPoint { integerDigits += 1 }
            } else {
                return nil
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        guard !digits.isEmpty else { return nil }
        self.init(negative: negative, digits: digits, exponent: integerDigits + power)
    }

    /// The number with at most `count` significant digits that `rounding` chooses: the nearest (ties to an
    /// even last digit), or the nearest in the direction that keeps the inequality (`.up` toward +∞).
    func rounded(to count: Int, _ rounding: Rounding) -> DecimalDigits {
        guard digits.count > count else { return self }
        var kept = Array(digits[..<count])
        let dropped = digits[count...]
        let awayFromZero: Bool
        switch rounding {
        case .up: awayFromZero = !negative
        case .down: awayFromZero = negative
        case .nearest:
            let first = dropped.first!
            let restNonZero = dropped.dropFirst().contains { $0 != 0 }
            awayFromZero = first > 5 || (first == 5 && (restNonZero || kept.last! % 2 == 1))
        }
        var exponent = self.exponent
        // All dropped digits are zero only when `digits` carried trailing zeros, which `init` strips.
        if awayFromZero {
            var k = kept.count - 1
            while k >= 0, kept[k] == 9 {
                kept[k] = 0
                k -= 1
            }
            if k >= 0 {
                kept[k] += 1
            } else {
                kept.insert(1, at: 0)
                kept.removeLast()
                exponent += 1
            }
        }
        while kept.count > 1, kept.last == 0 { kept.removeLast() }
        return DecimalDigits(negative: negative, digits: kept, exponent: exponent)
    }

    /// `%g`-style text for numbers of `digits` significant digits, trailing zeros dropped: plain notation
    /// when the decimal exponent is in [-4, digits), else `d.ddde±x` (`1.5e-7`, `2e12`).
    func layout(digits precision: Int) -> String {
        let sign = negative ? "-" : ""
        let scientificExponent = exponent - 1
        let text = digits.map { String($0) }.joined()
        if scientificExponent < -4 || scientificExponent >= precision {
            let mantissa = text.count > 1 ? String(text.prefix(1)) + "." + text.dropFirst() : text
            return sign + mantissa + "e" + String(scientificExponent)
        }
        if exponent <= 0 { return sign + "0." + String(repeating: "0", count: -exponent) + text }
        if text.count <= exponent { return sign + text + String(repeating: "0", count: exponent - text.count) }
        return sign + text.prefix(exponent) + "." + text.dropFirst(exponent)
    }
}
