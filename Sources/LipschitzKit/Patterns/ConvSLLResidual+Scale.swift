import ONNXModel

extension ConvSLLResidual {
    /// The per-channel scale `s ≥ 0` of the layer (all ones without a `Mul`): a scalar, or `channels` values of
    /// shape `[C]` or `[1, C, 1, 1]`; `nil` when the constant is missing, shaped otherwise or negative.
    static func channelScale(_ residual: ConvSLLResidual, channels: Int, _ constants: ScopedConstants) -> [Double]? {
        guard let name = residual.scale else { return [Double](repeating: 1, count: channels) }
        guard let tensor = constants.tensor(name), let values = try? tensor.doubles(),
            values.count == 1 || (values.count == channels && tensor.dims.filter({ $0 != 1 }) == [channels]
                && (tensor.dims.count == 1 || (tensor.dims.count == 4 && tensor.dims[1] == channels))),
            values.allSatisfy({ $0 >= 0 })
        else { return nil }
        return values.count == 1 ? [Double](repeating: values[0], count: channels) : values
    }
}
