import ONNXModel

/// Circular convolution (spectral-methods §7.2): a conv without padding of its own whose input is its source
/// wrap-padded by `(k − 1)·d` per spatial axis is the circular convolution on the source's torus; its norm is
/// the largest circulant singular value, which the caller's bounds certify (`upperBound(circularConv:)`).
extension LinearLayerRule {
    /// The term from the wrap-padding's source, or `nil` when the conv is not this case (other pad amounts, a
    /// conv that pads too, a stride that does not divide the size) or the bounds have no circulant figure.
    func circularConvTerm(_ node: Node, _ layer: ConvLayer) -> OutputRule.Term? {
        guard let wrap = patterns.wrapPaddedConvs[node.index], layer.op == .conv, layer.kernel.count == 2,
            layer.autoPad == .notSet || layer.autoPad == .valid, layer.pads.allSatisfy({ $0 == 0 }),
            let source = shape(wrap.source), source.count == 4
        else { return nil }
        for axis in 0..<2 {
            guard wrap.begin[axis] + wrap.end[axis] == (layer.kernel[axis] - 1) * layer.dilation[axis],
                layer.stride[axis] > 0, source[2 + axis] % layer.stride[axis] == 0
            else { return nil }
        }
        guard let figure = try? bounds.upperBound(circularConv: layer, input: [source[2], source[3]]),
            figure.upper.isFinite
        else { return nil }
        let op = figure.exact ? "\(node.opType) (circular, exact)" : "\(node.opType) (circular)"
        return OutputRule.Term(
            source: wrap.source, factor: figure.upper,
            steps: [PathStep(node: label(node), op: op, factor: figure.upper)])
    }
}
