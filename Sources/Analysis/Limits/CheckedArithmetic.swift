/// Integer arithmetic for sizes read from a model: `nil` instead of a trap on overflow or a negative operand,
/// so that a hostile dim becomes a clear "over the cap" instead of a crash.
enum CheckedArithmetic {
    /// The product of `values`, or `nil` when one is negative or the product overflows `Int`.
    static func product(_ values: Int...) -> Int? { product(values) }

    /// The product of `values`, or `nil` when one is negative or the product overflows `Int`.
    static func product(_ values: [Int]) -> Int? {
        var result = 1
        for v in values {
            guard v >= 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: v)
            guard !overflow else { return nil }
            result = next
        }
        return result
    }

    /// The sum of `values`, or `nil` when one is negative or the sum overflows `Int`.
    static func sum(_ values: Int...) -> Int? {
        var result = 0
        for v in values {
            guard v >= 0 else { return nil }
            let (next, overflow) = result.addingReportingOverflow(v)
            guard !overflow else { return nil }
            result = next
        }
        return result
    }

    /// `⌈a / b⌉` for `a ≥ 0`, `b > 0`.
    static func ceilDiv(_ a: Int, _ b: Int) -> Int { a / b + (a % b == 0 ? 0 : 1) }
}
