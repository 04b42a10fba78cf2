/// A dense tensor of `Double`s in row-major order, for the reference evaluator.
public struct ReferenceTensor: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Double]

    public init(shape: [Int], values: [Double]) {
        precondition(values.count == shape.reduce(1, *), "\(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }

    public init(shape: [Int], repeating value: Double = 0) {
        self.init(shape: shape, values: [Double](repeating: value, count: shape.reduce(1, *)))
    }

    public var count: Int { values.count }

    /// Row-major strides.
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = running
            running *= shape[axis]
        }
        return result
    }

    /// Euclidean norm of the difference of two tensors of equal size.
    public static func distance(_ a: ReferenceTensor, _ b: ReferenceTensor) -> Double {
        precondition(a.count == b.count)
        var sum = 0.0
        for i in 0..<a.count { sum += (a.values[i] - b.values[i]) * (a.values[i] - b.values[i]) }
        return sum.squareRoot()
    }
}
