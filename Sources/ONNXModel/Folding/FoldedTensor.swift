/// A tensor value known at analysis time, held as `Double` whatever its element type (integers up to 2^53
/// are exact, which covers every shape and index an exporter writes). Produced by constant folding.
struct FoldedTensor: Sendable, Equatable {
    /// Dimensions, each ≥ 0; `[]` for a scalar.
    var dims: [Int]
    /// The ONNX element type the value has in the graph (decides integer vs. float arithmetic).
    var elementType: ElementType
    /// Row-major values; `values.count == dims.product`.
    var values: [Double]

    init(dims: [Int], elementType: ElementType, values: [Double]) {
        precondition(values.count == dims.reduce(1, *), "folded tensor: \(values.count) values for dims \(dims)")
        self.dims = dims
        self.elementType = elementType
        self.values = values
    }

    /// A 1-D INT64 tensor (shape vectors, axes).
    static func int64Vector(_ values: [Int]) -> FoldedTensor {
        FoldedTensor(dims: [values.count], elementType: .int64, values: values.map { Double($0) })
    }

    /// A scalar of the given type.
    static func scalar(_ value: Double, _ type: ElementType) -> FoldedTensor {
        FoldedTensor(dims: [], elementType: type, values: [value])
    }

    var count: Int { values.count }
    var rank: Int { dims.count }

    /// Whether arithmetic on this tensor is integer arithmetic (truncating division, integer casts).
    var isInteger: Bool { !elementType.isFloatingPoint }

    /// The values as `Int`, saturated to ±2^62 (so `INT64_MAX` sentinels in Slice ends stay huge but safe).
    var integers: [Int] { values.map(FoldedTensor.saturatedInt) }

    /// The single value of a one-element tensor.
    var scalarValue: Double? { values.count == 1 ? values[0] : nil }

    static func saturatedInt(_ value: Double) -> Int {
        let limit = Double(Int(1) << 62)
        if value.isNaN { return 0 }
        if value >= limit { return Int(1) << 62 }
        if value <= -limit { return -(Int(1) << 62) }
        return Int(value)
    }

    /// The same values with other dims (same element count).
    func reshaped(_ newDims: [Int]) -> FoldedTensor {
        FoldedTensor(dims: newDims, elementType: elementType, values: values)
    }

    /// As a public `Tensor` of `DOUBLE` values.
    func tensor(named name: String) -> Tensor {
        Tensor(name: name, dims: dims, doubles: values)
    }
}
