extension Tensor {
    /// The tensor's values as a `FoldedTensor`: the single place where constant folding and layer extraction
    /// decode stored tensors.
    /// - Throws: `ModelError.invalidTensor` when the payload cannot be decoded.
    func foldedValue() throws -> FoldedTensor {
        let values: [Double]
        switch payload {
        case .none:
            values = elementCount == 0 ? [] : []
        case .doubles(let v): values = v
        case .int64s(let v): values = v.map(Double.init)
        case .floats(let v): values = v.map(Double.init)
        case .uint64s(let v): values = v.map(Double.init)
        case .int32s(let v) where !elementType.isFloatingPoint: values = v.map(Double.init)
        default:
            // Placeholder until Tensor+Decoding (the loader) lands; replaced by `doubles()`.
            throw ModelError.invalidTensor(name: name, reason: "cannot decode \(elementType) payload yet")
        }
        guard values.count == elementCount else {
            throw ModelError.invalidTensor(
                name: name, reason: "\(values.count) values for dims \(dims)")
        }
        return FoldedTensor(dims: dims, elementType: elementType, values: values)
    }
}
