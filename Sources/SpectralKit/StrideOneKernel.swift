/// A stride-1, undilated multi-channel 2-D kernel: `values[((o·inChannels + i)·size.h + p)·size.w + q]` is
/// the weight from input channel `i` to output channel `o` at tap `(p, q)`.
///
/// Its spectral density is `F(ω) = Σ_{p,q} K[:, :, p, q] · e^{-i(p·ω1 + q·ω2)}`, a `outChannels × inChannels`
/// matrix for each `ω ∈ [0, 2π)²` (docs/spectral-methods §2).
public struct StrideOneKernel: Sendable {
    public let outChannels: Int
    public let inChannels: Int
    /// Tap grid extent `(kh, kw)`.
    public let size: Size2D
    public let values: [Double]

    /// - Precondition: `values.count == outChannels · inChannels · size.h · size.w`, all positive.
    public init(outChannels: Int, inChannels: Int, size: Size2D, values: [Double]) {
        precondition(outChannels > 0 && inChannels > 0 && size.h > 0 && size.w > 0)
        precondition(values.count == outChannels * inChannels * size.h * size.w)
        self.outChannels = outChannels
        self.inChannels = inChannels
        self.size = size
        self.values = values
    }

    /// The weight from input channel `i` to output channel `o` at tap `(p, q)`.
    @inlinable public subscript(o: Int, i: Int, p: Int, q: Int) -> Double {
        values[((o * inChannels + i) * size.h + p) * size.w + q]
    }

    /// The `outChannels × inChannels` matrix of tap `(p, q)`, row-major.
    public func tapMatrix(p: Int, q: Int) -> [Double] {
        var m = [Double](repeating: 0, count: outChannels * inChannels)
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                m[o * inChannels + i] = self[o, i, p, q]
            }
        }
        return m
    }

    /// The adjoint kernel (channels swapped, taps mirrored): its spectral density is `F(ω)ᴴ` up to a
    /// phase, so it has the same singular values at every frequency.
    public func adjoint() -> StrideOneKernel {
        var v = [Double](repeating: 0, count: values.count)
        let (kh, kw) = (size.h, size.w)
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                for p in 0..<kh {
                    for q in 0..<kw {
                        v[((i * outChannels + o) * kh + (kh - 1 - p)) * kw + (kw - 1 - q)] = self[o, i, p, q]
                    }
                }
            }
        }
        return StrideOneKernel(outChannels: inChannels, inChannels: outChannels, size: size, values: v)
    }
}
