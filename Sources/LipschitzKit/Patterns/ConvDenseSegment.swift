import ONNXModel

/// A dense layer reading a conv's output through a Flatten or Reshape, optionally with a per-channel scale
/// (BatchNormalization, or Mul/Div by a constant) between conv and reshape, and no nonlinearity anywhere
/// (spectral-methods §7.3): `conv → [scale] → Flatten/Reshape → Gemm/MatMul`. The dense layer fixes the
/// flattened size, so the segment is one fixed linear map. Every value between feeds only the next node and
/// is not a graph output.
///
/// Structural only: whether the reshape is the plain NCHW flatten of the conv output is recorded in
/// `reshapeRefusal`; the rule checks the values (constant weights and scale, input dependence) and the size.
struct ConvDenseSegment: Hashable {
    /// Node index of the Conv.
    var conv: Int
    /// Node index of the per-channel scale between conv and reshape, if any.
    var scale: Int?
    /// Node index of the Flatten or Reshape.
    var reshape: Int
    /// Why the Flatten/Reshape is not the plain flatten `(N, C, H, W) → (N, C·H·W)` of the conv output (or its
    /// static shapes are unknown); `nil` when it is.
    var reshapeRefusal: String?

    static func ending(at node: Node, in index: GraphIndex) -> ConvDenseSegment? {
        guard node.opType == "Gemm" || node.opType == "MatMul", let flat = node.input(0), index.feedsOnly(flat, node.index),
            let reshape = index.producer(flat), reshape.opType == "Flatten" || reshape.opType == "Reshape",
            let data = reshape.input(0), index.feedsOnly(data, reshape.index), let producer = index.producer(data)
        else { return nil }
        var conv = producer
        var scale: Node?
        if ["BatchNormalization", "Mul", "Div"].contains(producer.opType), producer.outputs.count == 1 {
            let operands = producer.opType == "Mul" ? Array(producer.inputs.prefix(2)) : Array(producer.inputs.prefix(1))
            guard let convOutput = operands.first(where: { index.producer($0, "Conv") != nil }),
                index.feedsOnly(convOutput, producer.index), let found = index.producer(convOutput, "Conv")
            else { return nil }
            conv = found
            scale = producer
        }
        guard conv.opType == "Conv", conv.outputs.count == 1 else { return nil }
        return ConvDenseSegment(
            conv: conv.index, scale: scale?.index, reshape: reshape.index,
            reshapeRefusal: flattenRefusal(reshape, from: conv.outputs[0], to: flat, in: index))
    }

    /// `nil` when `reshape` maps the conv output `(N, C, spatial…)` to `(N, C·spatial…)` in row-major order (or
    /// to the vector `(C·spatial…)` when N = 1), which is the layout a dense layer's input features follow.
    private static func flattenRefusal(_ reshape: Node, from convOutput: String, to flat: String, in index: GraphIndex) -> String? {
        guard let source = index.shape(convOutput), source.count >= 3, let target = index.shape(flat) else {
            return "the static shapes around the \(reshape.opType) are unknown (give --input-shape)"
        }
        if reshape.opType == "Flatten" {
            let axis = index.attributeInt(reshape, "axis") ?? 1
            guard axis == 1 || axis == 1 - source.count else {
                return "the Flatten has axis \(axis), not the per-sample flatten (axis 1)"
            }
        }
        let features = ConvDenseComposition.saturatingProduct(Array(source.dropFirst()))
        guard target == [source[0], features] || (source[0] == 1 && target == [features]) else {
            return "the \(reshape.opType) to \(target) is not the flatten of the conv output \(source)"
        }
        return nil
    }
}
