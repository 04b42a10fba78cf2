internal import CLAPACK

/// Stride-1 convolution without an im2col copy ("implicit GEMM"): the input is copied once into a zero-padded
/// buffer whose rows are `Wp = n2 + left + right` wide, and each tap `(a, b)` is one `cblas_dgemm` whose input
/// operand is that buffer shifted by `a·d1·Wp + b·d2` — the output is computed on `m1 × Wp` "wide" rows, of
/// which the last `Wp − m2` columns are discarded. The adjoint multiplies by each tap's transpose and
/// accumulates into the shifted buffer. Channels sit `Hp·Wp + k_eff2` apart so that the shifted views of
/// different channels never overlap (each `dgemm` writes disjoint memory). Work is split over output
/// channels (forward) or input channels (adjoint), so every thread writes its own rows.
///
/// One group at a time (`cin_g → cout_g`); holds scratch buffers, not for concurrent use.
final class ShiftedGemmPlan {
    let ci: Int, co: Int, taps: Int
    let n1: Int, n2: Int, m1: Int, m2: Int
    let wp: Int, top: Int, left: Int
    /// Distance between channels in the padded buffers.
    let plane: Int
    /// `m1·Wp`, the number of wide output columns.
    let wide: Int
    /// Offset of tap `t` in the padded buffer.
    let offsets: [Int]
    /// `[tap][co][ci]`, per group: `groupTaps[g]`.
    let tapWeights: [ScratchArray<Double>]
    /// Forward input copy: only its interior is ever written, so its borders stay zero.
    let padded: ScratchArray<Double>
    /// Adjoint accumulator (zeroed on every call).
    let accumulator: ScratchArray<Double>
    let outputWide: ScratchArray<Double>

    init(spec: ConvolutionSpec, input: Size2D, output: Size2D) {
        precondition(spec.stride == Size2D(1, 1))
        ci = spec.inChannelsPerGroup
        co = spec.outChannelsPerGroup
        taps = spec.kernel.product
        (n1, n2, m1, m2) = (input.h, input.w, output.h, output.w)
        top = spec.pads.top
        left = spec.pads.left
        wp = input.w + spec.pads.left + spec.pads.right
        let hp = input.h + spec.pads.top + spec.pads.bottom
        plane = hp * wp + spec.effectiveKernel.w
        wide = output.h * wp
        var offs: [Int] = []
        for a in 0..<spec.kernel.h {
            for b in 0..<spec.kernel.w { offs.append(a * spec.dilation.h * wp + b * spec.dilation.w) }
        }
        offsets = offs
        let (kh, kw) = (spec.kernel.h, spec.kernel.w)
        let (co, ci) = (co, ci)
        tapWeights = (0..<spec.groups).map { g in
            let t = ScratchArray<Double>(count: kh * kw * co * ci, zero: 0)
            for o in 0..<co {
                for i in 0..<ci {
                    for a in 0..<kh {
                        for b in 0..<kw {
                            t.base[((a * kw + b) * co + o) * ci + i] = spec.weight[(((g * co + o) * ci + i) * kh + a) * kw + b]
                        }
                    }
                }
            }
            return t
        }
        padded = ScratchArray(count: ci * plane + plane, zero: 0)
        accumulator = ScratchArray(count: ci * plane + plane, zero: 0)
        outputWide = ScratchArray(count: co * wide, zero: 0)
    }

    /// `y_g = T_g x_g` for group `g` (channel-major planes).
    func forward(group g: Int, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>, threads: ThreadBudget) {
        let p = padded.shared, yw = outputWide.shared, w = tapWeights[g].shared
        let xs = SharedBuffer(UnsafeMutablePointer(mutating: x), count: ci * n1 * n2), ys = SharedBuffer(y, count: co * m1 * m2)
        let (ci, co, n1, n2, m1, m2, wp, top, left, plane, wide, offsets, taps) =
            (ci, co, n1, n2, m1, m2, wp, top, left, plane, wide, offsets, taps)
        // Interior copy (the zero borders are never written).
        ConcurrentLoop.forEachChunk(count: ci, threads: threads) { _, channels in
            for c in channels {
                for i in 0..<n1 {
                    (p.base + c * plane + (i + top) * wp + left).update(from: xs.base + (c * n1 + i) * n2, count: n2)
                }
            }
        }
        ConcurrentLoop.forEachChunk(count: co, threads: threads, minimumChunk: 8) { _, outs in
            for t in 0..<taps {
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(outs.count), Int32(wide), Int32(ci), 1,
                    w.base + (t * co + outs.lowerBound) * ci, Int32(ci), p.base + offsets[t], Int32(plane),
                    t == 0 ? 0 : 1, yw.base + outs.lowerBound * wide, Int32(wide))
            }
            for o in outs {
                for t1 in 0..<m1 {
                    (ys.base + (o * m1 + t1) * m2).update(from: yw.base + o * wide + t1 * wp, count: m2)
                }
            }
        }
    }

    /// `x_g = T_gᵀ y_g` for group `g`.
    func adjoint(group g: Int, y: UnsafePointer<Double>, x: UnsafeMutablePointer<Double>, threads: ThreadBudget) {
        let p = accumulator.shared, yw = outputWide.shared, w = tapWeights[g].shared
        let xs = SharedBuffer(x, count: ci * n1 * n2), ys = SharedBuffer(UnsafeMutablePointer(mutating: y), count: co * m1 * m2)
        let (ci, co, n1, n2, m1, m2, wp, top, left, plane, wide, offsets, taps) =
            (ci, co, n1, n2, m1, m2, wp, top, left, plane, wide, offsets, taps)
        // Wide copy of y with zero garbage columns.
        ConcurrentLoop.forEachChunk(count: co, threads: threads) { _, outs in
            for o in outs {
                for t1 in 0..<m1 {
                    let row = yw.base + o * wide + t1 * wp
                    row.update(from: ys.base + (o * m1 + t1) * m2, count: m2)
                    (row + m2).update(repeating: 0, count: wp - m2)
                }
            }
        }
        ConcurrentLoop.forEachChunk(count: ci, threads: threads, minimumChunk: 8) { _, ins in
            (p.base + ins.lowerBound * plane).update(repeating: 0, count: ins.count * plane)
            for t in 0..<taps {
                cblas_dgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(ins.count), Int32(wide), Int32(co), 1,
                    w.base + t * co * ci + ins.lowerBound, Int32(ci), yw.base, Int32(wide), 1,
                    p.base + ins.lowerBound * plane + offsets[t], Int32(plane))
            }
            for c in ins {
                for i in 0..<n1 {
                    (xs.base + (c * n1 + i) * n2).update(from: p.base + c * plane + (i + top) * wp + left, count: n2)
                }
            }
        }
    }
}
