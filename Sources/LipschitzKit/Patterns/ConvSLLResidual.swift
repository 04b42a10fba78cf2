import ONNXModel

/// An SLL residual layer written with convolutions (spectral-methods §7.4): `h = x − ConvTranspose_W(s·σ(Conv_W(x) + b))`
/// where the Conv and the ConvTranspose read the same weight initializer `W` with the same strides, pads,
/// dilations and group, so the ConvTranspose is the adjoint of the Conv (`A = Conv_Wᵀ`); `σ` as for the dense
/// form, `s ≥ 0` per channel (`Mul` by a constant of shape `[C]`, `[1, C, 1, 1]` or a scalar, or none).
/// The output size matching `x` (so no `output_padding` slack) is checked by the rule on the extracted layers.
struct ConvSLLResidual {
    var input: String
    /// Node index of the inner Conv and of the outer ConvTranspose.
    var conv: Int
    var transpose: Int
    /// Name of the per-channel scale constant, if any.
    var scale: String?

    static func match(_ sub: Node, in index: GraphIndex) -> ConvSLLResidual? {
        guard sub.opType == "Sub", let x = sub.input(0), let outer = index.producer(sub.input(1), "ConvTranspose"),
            let u = outer.input(0), let weight = outer.input(1), index.constants.tensor(weight) != nil
        else { return nil }
        var scale: String?
        var act = index.producer(u)
        if let mul = act, mul.opType == "Mul", let a = mul.input(0), let b = mul.input(1) {
            let first = index.producer(a)
            if let first, SLLShape.isAdmissibleActivation(first) { act = first; scale = b } else { act = index.producer(b); scale = a }
            guard let scale, index.constants.tensor(scale) != nil else { return nil }
        }
        guard let act, SLLShape.isAdmissibleActivation(act), let inner = index.producer(act.input(0), "Conv"), inner.input(0) == x,
            inner.input(1) == weight
        else { return nil }
        for name in ["strides", "pads", "dilations"] {
            guard (inner.attribute(name)?.ints ?? []) == (outer.attribute(name)?.ints ?? []) else { return nil }
        }
        guard (inner.attribute("group")?.int ?? 1) == (outer.attribute("group")?.int ?? 1),
            inner.attribute("auto_pad") == nil, outer.attribute("auto_pad") == nil,
            outer.attribute("output_shape") == nil
        else { return nil }
        return ConvSLLResidual(input: x, conv: inner.index, transpose: outer.index, scale: scale)
    }
}
