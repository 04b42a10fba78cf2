#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of number text in every report.
///
/// - Machine formats (JSON, SARIF properties, the cache) use `shortest(_:)`: the shortest decimal that reads
///   back as the same `Double`, so nothing is lost.
/// - Human text (findings, text, markdown, HTML) uses `text(_:_:digits:)`: `significantDigits` significant
///   digits, rounded in the direction the figure's kind allows (`Rounding`): a printed upper bound is never
///   below the bound it stands for, a printed lower bound never above. Directed rounding is decided on the
///   exact decimal expansion of the binary value, not on a rounded intermediate. A value whose shortest
///   round-trip text has at most that many digits prints as that text (it reads back as the same `Double`).
/// - A value compared with a threshold in a message uses `compared(_:_:with:)`, which adds digits until the
///   two printed numbers are in the same order as the numbers themselves (never `1.001 exceeds 1.001`).
public enum DecimalText {
    /// Significant digits of human-facing numbers.
    public static let significantDigits = 6

    /// The shortest decimal that reads back as exactly `v` (`100`, `0.1`, `1e-6`, `3.3981319013857263`);
    /// `null` for NaN and ±∞ (the JSON spelling of a missing number).
    public static func shortest(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == 0 { return "0" }
        var text = v.description
        var exponent = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let raw = text[text.index(after: e)...]
            let sign = raw.hasPrefix("-") ? "-" : ""
            let digits = raw.drop { $0 == "+" || $0 == "-" || $0 == "0" }
            exponent = "e" + sign + (digits.isEmpty ? "0" : String(digits))
            text = String(text[..<e])
        }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + exponent
    }

    /// `v` with `digits` significant digits (trailing zeros dropped; `%g` layout: plain between 1e-4 and
    /// 10^digits, otherwise `1.5e-7`), rounded as `rounding` says. `inf`, `-inf`, `NaN` for the rest.
    public static func text(_ v: Double, _ rounding: Rounding, digits: Int = significantDigits) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        if v == 0 { return "0" }
        let precision = max(1, digits)
        // A value whose shortest round-trip text fits is printed as that text: it reads back as exactly `v`,
        // so it says what the JSON report says (`142.3`, not `142.301` for the double nearest 142.3).
        if let short = DecimalDigits(decimal: shortest(v)), short.digits.count <= precision {
            return short.layout(digits: precision)
        }
        return DecimalDigits(exactly: v).rounded(to: precision, rounding).layout(digits: precision)
    }

    /// An upper bound as people read it: rounded up.
    public static func upper(_ v: Double) -> String { text(v, .up) }
    /// A lower bound as people read it: rounded down.
    public static func lower(_ v: Double) -> String { text(v, .down) }
    /// An exact figure, an estimate or a count: rounded to nearest.
    public static func nearest(_ v: Double) -> String { text(v, .nearest) }

    /// A value and the threshold it was compared with, as a message prints them. The threshold reads as
    /// configured (`shortest`); the value is rounded as `rounding` says with as many digits (6 to 17) as it
    /// takes for the two texts to read in the same order as the numbers (a value above the threshold never
    /// prints equal to or below it, and the other way round).
    public static func compared(_ value: Double, _ rounding: Rounding, with threshold: Double)
        -> (value: String, threshold: String)
    {
        let limit = threshold.isFinite ? shortest(threshold) : text(threshold, .nearest)
        guard value.isFinite, threshold.isFinite, value != threshold else {
            return (text(value, rounding), limit)
        }
        for digits in significantDigits...17 {
            let shown = text(value, rounding, digits: digits)
            guard let read = Double(shown) else { break }
            if (value > threshold) == (read > threshold), read != threshold { return (shown, limit) }
        }
        return (shortest(value), limit)
    }
}
