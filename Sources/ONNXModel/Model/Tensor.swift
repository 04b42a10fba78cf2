/// A tensor value: an initializer, a `Constant` node's value, or a tensor folded from constants.
///
/// The payload is decoded lazily: `doubles()` converts any supported element type to `Double` on each call,
/// so callers that need the values repeatedly keep the returned array.
public struct Tensor: Sendable {
    public var name: String
    /// Dimensions, each ≥ 0; their product is `elementCount` (checked at load time against overflow).
    public var dims: [Int]
    public var elementType: ElementType
    /// Where the values are. Internal: construct tensors with the public initializers.
    var payload: TensorPayload
    /// The most elements `doubles()` and friends decode (`LoadLimits.maxTensorElements` for loaded tensors);
    /// a larger tensor throws `ModelError.invalidTensor` before anything is allocated.
    public var maxDecodedElements = Int.max

    init(name: String, dims: [Int], elementType: ElementType, payload: TensorPayload) {
        self.name = name
        self.dims = dims
        self.elementType = elementType
        self.payload = payload
    }

    /// A tensor holding `values` as `DOUBLE` (used for weights folded from other constants and in tests).
    /// - Precondition: `values.count` equals the product of `dims`.
    public init(name: String, dims: [Int], doubles values: [Double]) {
        precondition(values.count == dims.reduce(1, *), "tensor '\(name)': \(values.count) values for dims \(dims)")
        self.init(name: name, dims: dims, elementType: .double, payload: .doubles(values))
    }

    /// A tensor holding `values` as `INT64` (shape tensors, axes).
    /// - Precondition: `values.count` equals the product of `dims`.
    public init(name: String, dims: [Int], int64s values: [Int64]) {
        precondition(values.count == dims.reduce(1, *), "tensor '\(name)': \(values.count) values for dims \(dims)")
        self.init(name: name, dims: dims, elementType: .int64, payload: .int64s(values))
    }

    /// The number of elements (product of `dims`; 1 for a scalar).
    public var elementCount: Int { dims.reduce(1, *) }

    /// Whether the values live in an external data file.
    public var isExternal: Bool {
        if case .external = payload { return true }
        return false
    }
}
