/// A 2-D convolution as a linear map `T : R^{cin·n1·n2} → R^{cout·m1·m2}` (bias excluded: it does not change
/// the Lipschitz constant), with weights in ONNX `Conv` layout `(cout, cin/g, kh, kw)`.
///
/// A `ConvTranspose` is described by the `Conv` with the same weight, stride, dilation and pads: its singular
/// values are those of that Conv acting on the ConvTranspose's *output* size (docs/spectral-methods §1).
public struct ConvolutionSpec: Sendable {
    /// Weights, row-major `[outChannels][inChannelsPerGroup][kernel.h][kernel.w]`.
    public var weight: [Double]
    public var outChannels: Int
    public var inChannelsPerGroup: Int
    /// Number of taps per axis (before dilation).
    public var kernel: Size2D
    public var stride: Size2D
    public var dilation: Size2D
    public var pads: Padding
    public var groups: Int

    /// - Precondition: the weight count matches the shape, every size is positive, `outChannels` is a
    ///   multiple of `groups`, pads are non-negative.
    public init(
        weight: [Double], outChannels: Int, inChannelsPerGroup: Int, kernel: Size2D,
        stride: Size2D = Size2D(1, 1), dilation: Size2D = Size2D(1, 1), pads: Padding = .zero, groups: Int = 1
    ) {
        precondition(outChannels > 0 && inChannelsPerGroup > 0 && groups > 0 && outChannels % groups == 0)
        precondition(kernel.h > 0 && kernel.w > 0 && stride.h > 0 && stride.w > 0)
        precondition(dilation.h > 0 && dilation.w > 0)
        precondition(pads.top >= 0 && pads.left >= 0 && pads.bottom >= 0 && pads.right >= 0)
        precondition(weight.count == outChannels * inChannelsPerGroup * kernel.h * kernel.w)
        self.weight = weight
        self.outChannels = outChannels
        self.inChannelsPerGroup = inChannelsPerGroup
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.pads = pads
        self.groups = groups
    }

    /// Total input channels `cin = g · cin/g`.
    public var inChannels: Int { inChannelsPerGroup * groups }
    /// Output channels per group.
    public var outChannelsPerGroup: Int { outChannels / groups }
    /// The dilated kernel extent `k_eff = (k − 1)·d + 1` per axis.
    public var effectiveKernel: Size2D {
        Size2D((kernel.h - 1) * dilation.h + 1, (kernel.w - 1) * dilation.w + 1)
    }

    /// The output spatial size for an input of size `input`: `⌊(n + pads − k_eff)/s⌋ + 1`, or `nil` when the
    /// kernel does not fit the padded input.
    public func outputSize(forInput input: Size2D) -> Size2D? {
        let k = effectiveKernel
        let ph = input.h + pads.top + pads.bottom - k.h
        let pw = input.w + pads.left + pads.right - k.w
        guard input.h > 0, input.w > 0, ph >= 0, pw >= 0 else { return nil }
        return Size2D(ph / stride.h + 1, pw / stride.w + 1)
    }

    /// The weights of group `g` as a `StrideOneKernel` with taps at their *undilated* positions and the
    /// stride ignored. Its spectral density has the same supremum as the dilated stride-1 layer's, so
    /// size-independent bounds of a stride-1 layer may use it (docs §1, Dilation).
    public func undilatedKernel(group g: Int) -> StrideOneKernel {
        precondition(g >= 0 && g < groups)
        let co = outChannelsPerGroup
        let per = inChannelsPerGroup * kernel.h * kernel.w
        let start = g * co * per
        // One group is the whole weight: share its storage instead of copying it.
        return StrideOneKernel(
            outChannels: co, inChannels: inChannelsPerGroup, size: kernel,
            values: groups == 1 ? weight : Array(weight[start..<(start + co * per)]))
    }

    /// The polyphase kernel `K'` of group `g` (docs §1, Stride): taps at their dilated positions, padded to
    /// multiples of the stride, with input channels ordered `(i, r1, r2)`:
    /// `K'[o, (i·s1 + r1)·s2 + r2, p, q] = K_dil[o, i, s1·p + r1, s2·q + r2]`.
    /// A stride-`s` layer equals the stride-1 layer of `K'` applied to the space-to-depth rearrangement of
    /// the padded input. For stride 1 this is the dilated (zero-stuffed) kernel.
    public func polyphaseKernel(group g: Int) -> StrideOneKernel {
        precondition(g >= 0 && g < groups)
        let co = outChannelsPerGroup, ci = inChannelsPerGroup
        let s = stride, d = dilation, k = kernel, ke = effectiveKernel
        let kp = Size2D((ke.h + s.h - 1) / s.h, (ke.w + s.w - 1) / s.w)
        let ciP = ci * s.h * s.w
        // Zeros where no tap lands (phases and positions past the dilated kernel); the taps are copied.
        var values = [Double](repeating: 0, count: co * ciP * kp.h * kp.w)
        // Where tap (a, b) goes within an output channel's block: its phase channel and polyphase position.
        var offsets = [Int](repeating: 0, count: k.h * k.w)
        for a in 0..<k.h {
            let (p, r1) = ((a * d.h) / s.h, (a * d.h) % s.h)
            for b in 0..<k.w {
                let (q, r2) = ((b * d.w) / s.w, (b * d.w) % s.w)
                offsets[a * k.w + b] = ((r1 * s.w + r2) * kp.h + p) * kp.w + q
            }
        }
        let taps = k.h * k.w, phaseBlock = s.h * s.w * kp.h * kp.w
        values.withUnsafeMutableBufferPointer { dst in
            weight.withUnsafeBufferPointer { src in
                offsets.withUnsafeBufferPointer { offsets in
                    for o in 0..<co {
                        for i in 0..<ci {
                            let from = src.baseAddress! + ((g * co + o) * ci + i) * taps
                            // Channel (i·s1 + r1)·s2 + r2 of output o starts at (o·ciP + i·s1·s2)·kp.h·kp.w.
                            let to = dst.baseAddress! + (o * ci + i) * phaseBlock
                            for tap in 0..<taps { to[offsets[tap]] = from[tap] }
                        }
                    }
                }
            }
        }
        return StrideOneKernel(outChannels: co, inChannels: ciP, size: kp, values: values)
    }

    /// The kernel that size-independent figures of group `g` are computed on: the undilated kernel for a
    /// stride-1 layer (reshape-type bounds are inflated on zero-stuffed kernels), the polyphase kernel of
    /// the dilated taps otherwise. Both have the same `σ∞` as the layer.
    public func canonicalKernel(group g: Int) -> StrideOneKernel {
        stride == Size2D(1, 1) ? undilatedKernel(group: g) : polyphaseKernel(group: g)
    }
}
