extension Tensor {
    /// The tensor's values as a `FoldedTensor`: the single place where constant folding and layer extraction
    /// decode stored tensors (through `doubles()`).
    /// - Throws: `ModelError.invalidTensor` when the payload cannot be decoded.
    func foldedValue() throws(ModelError) -> FoldedTensor {
        let values = try doubles()
        guard values.count == elementCount else {
            throw .invalidTensor(name: name, reason: "\(values.count) values for dims \(dims)")
        }
        return FoldedTensor(dims: dims, elementType: elementType, values: values)
    }
}
