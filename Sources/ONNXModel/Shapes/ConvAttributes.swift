/// The geometry attributes of a Conv-like or pooling node for `spatialRank` axes, with ONNX defaults filled
/// in, and their resolution into explicit pads and output sizes.
struct ConvAttributes: Sendable, Equatable {
    var autoPad: AutoPad
    /// `kernel_shape` when present.
    var kernelShape: [Int]?
    var strides: [Int]
    var dilations: [Int]
    /// `[b1, b2, ..., e1, e2, ...]` as written (zeros by default).
    var pads: [Int]
    var group: Int
    /// ConvTranspose only (zeros otherwise).
    var outputPadding: [Int]
    /// ConvTranspose `output_shape`, spatial entries only.
    var outputShape: [Int]?
    /// Pooling `ceil_mode`.
    var ceilMode: Bool

    /// Why the attributes cannot be used (wrong lengths, unknown `auto_pad`, non-positive values).
    enum Problem: Error, Equatable { case invalid(String) }

    /// Largest kernel, stride, dilation, pad or output size accepted (2^24); larger values are refused as
    /// invalid, which keeps every size computation far from integer overflow.
    static let maxValue: Int64 = 1 << 24

    init(node: Node, spatialRank n: Int) throws(Problem) {
        for name in ["kernel_shape", "strides", "dilations", "pads", "output_padding", "output_shape", "group"] {
            if let values = node.attribute(name)?.ints, values.contains(where: { $0 > Self.maxValue || $0 < -Self.maxValue }) {
                throw .invalid("\(name) \(ShapeText.list(values.map { Int($0) })) exceeds \(Self.maxValue)")
            }
        }
        guard let autoPad = AutoPad(attribute: node.attribute("auto_pad")?.string) else {
            throw .invalid("unknown auto_pad '\(node.attribute("auto_pad")?.string ?? "")'")
        }
        self.autoPad = autoPad
        func ints(_ name: String, count: Int, default value: Int) throws(Problem) -> [Int] {
            guard let raw = node.attribute(name)?.ints else { return [Int](repeating: value, count: count) }
            guard raw.count == count else {
                throw .invalid("\(name) has \(raw.count) entries, expected \(count)")
            }
            return raw.map { FoldedTensor.saturatedInt(Double($0)) }
        }
        if let kernel = node.attribute("kernel_shape")?.ints {
            guard kernel.count == n, kernel.allSatisfy({ $0 > 0 }) else {
                throw .invalid("kernel_shape \(ShapeText.list(kernel.map { Int($0) })) does not fit \(n) spatial axes")
            }
            kernelShape = kernel.map { Int($0) }
        } else {
            kernelShape = nil
        }
        strides = try ints("strides", count: n, default: 1)
        dilations = try ints("dilations", count: n, default: 1)
        pads = try ints("pads", count: 2 * n, default: 0)
        outputPadding = try ints("output_padding", count: n, default: 0)
        guard strides.allSatisfy({ $0 > 0 }), dilations.allSatisfy({ $0 > 0 }) else {
            throw .invalid("strides and dilations must be positive")
        }
        guard pads.allSatisfy({ $0 >= 0 }) else { throw .invalid("pads must not be negative") }
        // The spec forbids pads with an auto_pad other than NOTSET; onnxruntime refuses the node, ONNX shape
        // inference would use the pads. Refuse it unless the pads are all zero (then harmless).
        if autoPad != .notSet, node.attribute("pads") != nil, pads.contains(where: { $0 != 0 }) {
            throw .invalid("both auto_pad \(autoPad.rawValue) and non-zero pads \(ShapeText.list(pads)) are set")
        }
        group = Int(node.attribute("group")?.int ?? 1)
        guard group > 0 else { throw .invalid("group must be positive") }
        if let shape = node.attribute("output_shape")?.ints {
            // Runtimes accept the spatial dims alone or the full (N, C, spatial...) shape.
            let spatial = shape.count == n + 2 ? Array(shape.suffix(n)) : shape
            guard spatial.count == n else { throw .invalid("output_shape \(ShapeText.list(shape.map { Int($0) })) does not fit \(n) spatial axes") }
            outputShape = spatial.map { Int($0) }
        } else {
            outputShape = nil
        }
        ceilMode = (node.attribute("ceil_mode")?.int ?? 0) != 0
    }

    /// Explicit pads and output spatial sizes of a Conv or pooling node with this `kernel`.
    /// `pads` is `nil` when `auto_pad` needs an unknown input size.
    ///
    /// An `auto_pad` other than `NOTSET` decides the pads; `init` has already refused non-zero `pads` beside it.
    func resolveConv(input: [Int]?, kernel: [Int]) -> (pads: [Int]?, output: [Int]?) {
        let n = kernel.count
        var begins: [Int] = []
        var ends: [Int] = []
        var outputs: [Int] = []
        var padsKnown = true
        var outputKnown = input != nil
        for axis in 0..<n {
            let size = input?[axis]
            guard let (begin, end) = ConvGeometry.convPads(
                autoPad: autoPad, explicit: (pads[axis], pads[axis + n]), input: size,
                kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis])
            else {
                padsKnown = false
                outputKnown = false
                continue
            }
            begins.append(begin)
            ends.append(end)
            if let size, let out = ConvGeometry.convOutput(
                input: size, kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis],
                pads: (begin, end), ceilMode: ceilMode)
            {
                outputs.append(out)
            } else {
                outputKnown = false
            }
        }
        return (padsKnown ? begins + ends : nil, outputKnown ? outputs : nil)
    }

    /// Explicit pads, output spatial sizes and effective `output_padding` (the attribute plus any surplus
    /// an `output_shape` asks for) of a ConvTranspose node with this `kernel`.
    func resolveTranspose(input: [Int]?, kernel: [Int], legacySplit: Bool)
        -> (pads: [Int]?, output: [Int]?, outputPadding: [Int])
    {
        var effectivePadding = outputPadding
        let n = kernel.count
        var begins: [Int] = []
        var ends: [Int] = []
        var outputs: [Int] = []
        var padsKnown = true
        var outputKnown = true
        for axis in 0..<n {
            guard let result = ConvGeometry.transpose(
                autoPad: autoPad, explicit: (pads[axis], pads[axis + n]), input: input?[axis],
                kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis],
                outputPadding: outputPadding[axis], outputShape: outputShape?[axis], legacySplit: legacySplit)
            else {
                padsKnown = false
                if let fixed = outputShape?[axis] { outputs.append(fixed) } else { outputKnown = false }
                continue
            }
            begins.append(result.begin)
            ends.append(result.end)
            effectivePadding[axis] += result.extraOutputPadding
            if let out = result.output { outputs.append(out) } else { outputKnown = false }
        }
        return (padsKnown ? begins + ends : nil, outputKnown ? outputs : nil, effectivePadding)
    }
}
