internal import CLAPACK

extension ConvolutionSpec {
    /// The two real start vectors of `ExactStart.frequency` for group `g` at input size `input`
    /// (channel-major `[c][h][w]`, `inChannelsPerGroup · n1 · n2` values each): the real and imaginary parts
    /// of `x[c, y, x'] = v[(c·s1 + r1)·s2 + r2] · e^{-i(ω1·a + ω2·b)}` where `y + top = s1·a + r1` and
    /// `x' + left = s2·b + r2` (the space-to-depth rearrangement of `polyphaseKernel`), and `v` approximates
    /// the top right singular vector of `F_g(ω)`, times the envelope `sin(π(y+1)/(n1+1))·sin(π(x'+1)/(n2+1))`
    /// (the shape of the top mode of a zero-padded, Toeplitz-like operator; measured with both parts as start
    /// vectors on six ResNet-50-shaped layers: 763 steps with it, 879 without, 1115 from a random start). With the
    /// symbol's sign convention (`F(ω) = Σ K_τ e^{-i⟨τ, ω⟩}`) the layer maps the plane wave to
    /// `e^{-i⟨ω, t⟩}·F(ω)v` away from the borders. A heuristic start only; no figure depends on its accuracy.
    func planeWaveStart(group g: Int, input: Size2D, frequency w: Frequency) -> [[Double]] {
        let kernel = polyphaseKernel(group: g)
        let v = Self.topRightSingularVector(of: kernel, at: w)
        let ci = inChannelsPerGroup, (s1, s2) = (stride.h, stride.w)
        let (n1, n2) = (input.h, input.w)
        var re = [Double](repeating: 0, count: ci * n1 * n2), im = re
        for y in 0..<n1 {
            let (a, r1) = ((y + pads.top) / s1, (y + pads.top) % s1)
            for x in 0..<n2 {
                let (b, r2) = ((x + pads.left) / s2, (x + pads.left) % s2)
                let phase = -(w.w1 * Double(a) + w.w2 * Double(b))
                let envelope = sine(Double.pi * Double(y + 1) / Double(n1 + 1)) * sine(Double.pi * Double(x + 1) / Double(n2 + 1))
                let (c, s) = (envelope * cosine(phase), envelope * sine(phase))
                for ch in 0..<ci {
                    let k = (ch * s1 + r1) * s2 + r2
                    let (vr, vi) = (v[2 * k], v[2 * k + 1])
                    let index = (ch * n1 + y) * n2 + x
                    re[index] = vr * c - vi * s
                    im[index] = vr * s + vi * c
                }
            }
        }
        return [re, im]
    }

    /// An approximate top right singular vector of the `cout × cin` symbol of `kernel` at `w` (interleaved
    /// complex, `cin` values), by 40 steps of power iteration on `FᴴF` from a fixed start. Buffers handed to
    /// `zgemv` carry slack after their end (see `ComplexSVDWorkspace`: an OpenBLAS kernel reads past it).
    static func topRightSingularVector(of kernel: StrideOneKernel, at w: Frequency) -> [Double] {
        let co = kernel.outChannels, ci = kernel.inChannels
        let slack = 8 * max(co, ci) + 4096
        let density = SpectralDensity(kernel: kernel, centre: (0, 0))
        var f = density.evaluate(at: [w])
        f.append(contentsOf: repeatElement(0, count: slack))
        var v = [Double](repeating: 0, count: 2 * ci + slack)
        var u = [Double](repeating: 0, count: 2 * co + slack)
        for i in 0..<ci { v[2 * i] = 1 + 0.5 * Double(i % 7) / 7 }
        let one: [Double] = [1, 0], zero: [Double] = [0, 0]
        for _ in 0..<40 {
            cblas_zgemv(CblasRowMajor, CblasNoTrans, Int32(co), Int32(ci), one, f, Int32(ci), v, 1, zero, &u, 1)
            cblas_zgemv(CblasRowMajor, CblasConjTrans, Int32(co), Int32(ci), one, f, Int32(ci), u, 1, zero, &v, 1)
            let norm = cblas_dznrm2(Int32(ci), v, 1)
            guard norm > 0, norm.isFinite else { break }
            for i in 0..<(2 * ci) { v[i] /= norm }
        }
        return Array(v.prefix(2 * ci))
    }
}

