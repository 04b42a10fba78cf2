/// Per-axis geometry of convolutions and pooling (ONNX `convPoolShapeInference` and the ConvTranspose
/// rules). All sizes are in pixels; every function works on one spatial axis.
enum ConvGeometry {
    /// The effective extent of a dilated kernel: `(k − 1)·d + 1`.
    static func effectiveKernel(_ kernel: Int, dilation: Int) -> Int { (kernel - 1) * dilation + 1 }

    /// Begin/end pads of a Conv or pooling axis. `explicit` comes from `pads`; `input` is only needed for
    /// `SAME_*` (returns `nil` when it is unknown: the pads are then unresolved).
    static func convPads(
        autoPad: AutoPad, explicit: (Int, Int), input: Int?, kernel: Int, stride: Int, dilation: Int
    ) -> (begin: Int, end: Int)? {
        switch autoPad {
        case .notSet: return explicit
        case .valid: return (0, 0)
        case .sameUpper, .sameLower:
            guard let input, stride > 0 else { return nil }
            let kEff = effectiveKernel(kernel, dilation: dilation)
            let remainder = input % stride
            let total = remainder == 0 ? max(kEff - stride, 0) : max(kEff - remainder, 0)
            let small = total / 2
            return autoPad == .sameUpper ? (small, total - small) : (total - small, small)
        }
    }

    /// Output size of a Conv or pooling axis: `floor((in + pb + pe − k_eff) / s) + 1` (or `ceil` with
    /// `ceilMode`, dropping a last window that would start inside the end padding). `nil` when the window
    /// does not fit.
    static func convOutput(
        input: Int, kernel: Int, stride: Int, dilation: Int, pads: (begin: Int, end: Int), ceilMode: Bool = false
    ) -> Int? {
        guard stride > 0, kernel > 0, dilation > 0 else { return nil }
        let span = input + pads.begin + pads.end - effectiveKernel(kernel, dilation: dilation)
        guard span >= 0 else { return nil }
        var output = span / stride + 1
        if ceilMode && span % stride != 0 {
            output += 1
            if (output - 1) * stride >= input + pads.begin { output -= 1 }
        }
        return output
    }

    /// Begin/end pads and output size of a ConvTranspose axis.
    ///
    /// - `outputShape` (the attribute's entry for this axis) fixes the output and implies the pads;
    /// - `SAME_*` means `output = input · stride` (or the natural output when that is smaller, as
    ///   onnxruntime computes it);
    /// - otherwise the explicit pads give `s·(in − 1) + output_padding + k_eff − pb − pe`.
    ///
    /// When the total padding is odd, opset ≥ 11 puts the extra pixel at the end for `SAME_UPPER` and at the
    /// beginning otherwise; ConvTranspose-1 (`legacySplit`) states the opposite. (onnxruntime splits the other
    /// way round from the opset-11 text; only the alignment of the output differs, not its size.)
    ///
    /// A requested output larger than the natural one gives a negative total padding: the pads are then 0
    /// and the surplus is returned in `extraOutputPadding` (rows at the end that the kernel never reaches,
    /// as onnxruntime computes it). `nil` when `input` is needed and unknown.
    static func transpose(
        autoPad: AutoPad, explicit: (Int, Int), input: Int?, kernel: Int, stride: Int, dilation: Int,
        outputPadding: Int, outputShape: Int?, legacySplit: Bool
    ) -> (begin: Int, end: Int, output: Int?, extraOutputPadding: Int)? {
        let kEff = effectiveKernel(kernel, dilation: dilation)
        func resolve(_ total: Int, output: Int) -> (begin: Int, end: Int, output: Int?, extraOutputPadding: Int) {
            guard total >= 0 else { return (0, 0, output, -total) }
            let small = total / 2
            let upperStyle = (autoPad == .sameUpper) != legacySplit
            return upperStyle ? (small, total - small, output, 0) : (total - small, small, output, 0)
        }
        if let outputShape {
            guard let input else { return nil }
            return resolve(stride * (input - 1) + outputPadding + kEff - outputShape, output: outputShape)
        }
        switch autoPad {
        case .sameUpper, .sameLower:
            guard let input else { return nil }
            // Target input · stride; when the natural output is smaller than that, onnxruntime pads nothing
            // and produces the natural output (the spec's shape inference would claim input · stride).
            let natural = stride * (input - 1) + outputPadding + kEff
            let total = natural - input * stride
            return total < 0 ? (0, 0, natural, 0) : resolve(total, output: input * stride)
        case .valid, .notSet:
            let (begin, end) = autoPad == .valid ? (0, 0) : explicit
            let output = input.map { stride * ($0 - 1) + outputPadding + kEff - begin - end }
            return (begin, end, output.flatMap { $0 >= 0 ? $0 : nil }, 0)
        }
    }
}
