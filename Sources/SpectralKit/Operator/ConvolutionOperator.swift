internal import CLAPACK

/// The true convolution `T_n` of a `ConvolutionSpec` at input size `n1 × n2` — zero padding, stride,
/// dilation and groups exactly as ONNX `Conv` defines them, bias excluded — as a `LinearOperator`
/// `R^{cin·n1·n2} → R^{cout·m1·m2}` (channel-major `[c][h][w]` layout on both sides), with its adjoint.
///
/// Application is exact up to floating-point rounding: per group, the taps' shifted, strided input pixels
/// are gathered into a `(cin_g·kh·kw) × (m1·m2)` block (im2col) and multiplied by the group's
/// `cout_g × (cin_g·kh·kw)` weight matrix with `cblas_dgemm`; the adjoint multiplies by the transpose and
/// scatter-adds. Output columns (and, for the scatter, channels) are split over the thread budget.
/// A 1×1 stride-1 unpadded layer skips the gather; other stride-1 layers use `ShiftedGemmPlan` (one `dgemm`
/// per tap on shifted views of a padded copy, no im2col block), which measured faster.
///
/// Holds scratch space: not for concurrent use by several callers (see `LinearOperator`).
public final class ConvolutionOperator: LinearOperator {
    public let spec: ConvolutionSpec
    /// Input spatial size `n1 × n2`.
    public let input: Size2D
    /// Output spatial size `m1 × m2`.
    public let output: Size2D
    public let rows: Int
    public let cols: Int
    private let threads: ThreadBudget
    /// `cin_g·kh·kw`, the depth of the gathered block.
    private let depth: Int
    private let identityGather: Bool
    private let columns: ScratchArray<Double>
    private let weights: ScratchArray<Double>
    /// The stride-1 path (no im2col copy), when it applies.
    private let shifted: ShiftedGemmPlan?

    /// - Throws: `.kernelLargerThanPaddedInput` when the layer has no output at this size.
    public init(spec: ConvolutionSpec, input: Size2D, threads: ThreadBudget = .allProcessors) throws(SizeDependentError) {
        guard let out = spec.outputSize(forInput: input) else {
            throw .kernelLargerThanPaddedInput(input: input, effectiveKernel: spec.effectiveKernel)
        }
        self.spec = spec
        self.input = input
        output = out
        rows = spec.outChannels * out.product
        cols = spec.inChannels * input.product
        self.threads = threads
        depth = spec.inChannelsPerGroup * spec.kernel.product
        identityGather = spec.kernel == Size2D(1, 1) && spec.stride == Size2D(1, 1) && spec.pads == .zero
        let useShifted = !identityGather && spec.stride == Size2D(1, 1)
        shifted = useShifted ? ShiftedGemmPlan(spec: spec, input: input, output: out) : nil
        columns = ScratchArray(count: identityGather || useShifted ? 1 : depth * out.product, zero: 0)
        weights = ScratchArray(count: spec.weight.count, zero: 0)
        spec.weight.withUnsafeBufferPointer { weights.base.update(from: $0.baseAddress!, count: $0.count) }
        if threads.threads > 1 { BLASThreading.useSingleThread() }
    }

    public func apply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let g = spec.groups, co = spec.outChannelsPerGroup, ci = spec.inChannelsPerGroup
        let mm = output.product, nn = input.product
        let xs = SharedBuffer(UnsafeMutablePointer(mutating: x), count: cols)
        let ys = SharedBuffer(y, count: rows)
        let cs = columns.shared, ws = weights.shared
        let depth = depth, identity = identityGather, m2 = output.w
        for group in 0..<g {
            let xg = SharedBuffer(xs.base + group * ci * nn, count: ci * nn)
            let yg = SharedBuffer(ys.base + group * co * mm, count: co * mm)
            let wg = SharedBuffer(ws.base + group * co * depth, count: co * depth)
            if let shifted {
                shifted.forward(group: group, x: xg.base, y: yg.base, threads: threads)
                continue
            }
            if identity {
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(co), Int32(mm), Int32(depth), 1, wg.base,
                    Int32(depth), xg.base, Int32(mm), 0, yg.base, Int32(mm))
                continue
            }
            let gather = GatherGeometry(spec: spec, input: input, output: output)
            ConcurrentLoop.forEachChunk(count: output.h, threads: threads) { _, rowRange in
                gather.gather(from: xg.base, into: cs.base, rows: rowRange)
                let start = rowRange.lowerBound * m2, width = rowRange.count * m2
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(co), Int32(width), Int32(depth), 1, wg.base,
                    Int32(depth), cs.base + start, Int32(mm), 0, yg.base + start, Int32(mm))
            }
        }
    }

    public func applyAdjoint(_ y: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        let g = spec.groups, co = spec.outChannelsPerGroup, ci = spec.inChannelsPerGroup
        let mm = output.product, nn = input.product
        let xs = SharedBuffer(x, count: cols)
        let ys = SharedBuffer(UnsafeMutablePointer(mutating: y), count: rows)
        let cs = columns.shared, ws = weights.shared
        let depth = depth, identity = identityGather, m2 = output.w
        for group in 0..<g {
            let xg = SharedBuffer(xs.base + group * ci * nn, count: ci * nn)
            let yg = SharedBuffer(ys.base + group * co * mm, count: co * mm)
            let wg = SharedBuffer(ws.base + group * co * depth, count: co * depth)
            if let shifted {
                shifted.adjoint(group: group, y: yg.base, x: xg.base, threads: threads)
                continue
            }
            if identity {
                cblas_dgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(depth), Int32(mm), Int32(co), 1, wg.base,
                    Int32(depth), yg.base, Int32(mm), 0, xg.base, Int32(mm))
                continue
            }
            ConcurrentLoop.forEachChunk(count: output.h, threads: threads) { _, rowRange in
                let start = rowRange.lowerBound * m2, width = rowRange.count * m2
                cblas_dgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(depth), Int32(width), Int32(co), 1, wg.base,
                    Int32(depth), yg.base + start, Int32(mm), 0, cs.base + start, Int32(mm))
            }
            let gather = GatherGeometry(spec: spec, input: input, output: output)
            ConcurrentLoop.forEachChunk(count: ci, threads: threads) { _, channels in
                gather.scatterAdd(from: cs.base, into: xg.base, channels: channels)
            }
        }
    }
}
