import ONNXModel

/// A conv reading another conv's output with no nonlinearity between (spectral-methods §7.3): directly, or
/// through a BatchNormalization (a per-channel scale). Whether it composes (the second is pointwise) is
/// checked by the rule on the extracted layers.
struct LinearSegment: Hashable {
    /// Node index of the first (spatial) conv.
    var spatial: Int
    /// Node index of the BatchNormalization between, if any.
    var batchNorm: Int?

    static func ending(at node: Node, in index: GraphIndex) -> LinearSegment? {
        guard let x = node.input(0), let producer = index.producer(x) else { return nil }
        if producer.opType == "Conv" { return LinearSegment(spatial: producer.index, batchNorm: nil) }
        if producer.opType == "BatchNormalization", producer.outputs.count == 1,
            let conv = index.producer(producer.input(0), "Conv")
        {
            return LinearSegment(spatial: conv.index, batchNorm: producer.index)
        }
        return nil
    }
}
