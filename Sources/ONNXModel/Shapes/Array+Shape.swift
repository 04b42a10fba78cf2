extension Array where Element == Int {
    /// Product of the entries; 1 for an empty array. Saturates instead of trapping on overflow.
    var product: Int {
        if contains(0) { return 0 }
        var result = 1
        for value in self {
            let (next, overflow) = result.multipliedReportingOverflow(by: value)
            if overflow { return Int.max }
            result = next
        }
        return result
    }

    /// Row-major strides for these dims.
    var rowMajorStrides: [Int] {
        var strides = [Int](repeating: 1, count: count)
        var running = 1
        for axis in stride(from: count - 1, through: 0, by: -1) {
            strides[axis] = running
            running = running &* Swift.max(self[axis], 1)
        }
        return strides
    }
}

extension Array {
    /// The element at `index`, or `nil` when out of range.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
