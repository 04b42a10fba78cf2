/// Index arithmetic of the im2col gather of a convolution (and of its adjoint's scatter-add).
///
/// Row `(c, a, b)` of the gathered block holds, at column `t1·m2 + t2`, the input pixel
/// `x[c][t1·s1 − top + a·d1][t2·s2 − left + b·d2]`, or 0 where that position lies in the zero padding.
struct GatherGeometry: Sendable {
    let channels: Int, kh: Int, kw: Int
    let n1: Int, n2: Int, m1: Int, m2: Int
    let s1: Int, s2: Int, d1: Int, d2: Int
    let top: Int, left: Int
    /// Per tap column `b`: the range of output columns `t2` whose input column is inside the image.
    let validColumns: [Range<Int>]

    init(spec: ConvolutionSpec, input: Size2D, output: Size2D) {
        channels = spec.inChannelsPerGroup
        (kh, kw) = (spec.kernel.h, spec.kernel.w)
        (n1, n2, m1, m2) = (input.h, input.w, output.h, output.w)
        (s1, s2, d1, d2) = (spec.stride.h, spec.stride.w, spec.dilation.h, spec.dilation.w)
        (top, left) = (spec.pads.top, spec.pads.left)
        var valid: [Range<Int>] = []
        for b in 0..<kw {
            let off = b * d2 - spec.pads.left
            // 0 ≤ t2·s2 + off < n2  ⇔  ⌈−off/s2⌉ ≤ t2 ≤ ⌊(n2 − 1 − off)/s2⌋
            let lo = max(0, Self.ceilDiv(-off, spec.stride.w))
            let hi = min(output.w - 1, Self.floorDiv(input.w - 1 - off, spec.stride.w))
            valid.append(lo..<max(lo, hi + 1))
        }
        validColumns = valid
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }

    /// Fills the gathered block's columns of output rows `rows` (all `channels·kh·kw` block rows).
    func gather(from x: UnsafePointer<Double>, into block: UnsafeMutablePointer<Double>, rows: Range<Int>) {
        let width = m1 * m2
        for c in 0..<channels {
            let plane = x + c * n1 * n2
            for a in 0..<kh {
                for b in 0..<kw {
                    let blockRow = block + ((c * kh + a) * kw + b) * width
                    let valid = validColumns[b]
                    let colOff = b * d2 - left
                    for t1 in rows {
                        let dst = blockRow + t1 * m2
                        let ih = t1 * s1 - top + a * d1
                        guard ih >= 0, ih < n1, !valid.isEmpty else {
                            dst.update(repeating: 0, count: m2)
                            continue
                        }
                        if valid.lowerBound > 0 { dst.update(repeating: 0, count: valid.lowerBound) }
                        if valid.upperBound < m2 {
                            (dst + valid.upperBound).update(repeating: 0, count: m2 - valid.upperBound)
                        }
                        let src = plane + ih * n2 + colOff
                        if s2 == 1 {
                            (dst + valid.lowerBound).update(from: src + valid.lowerBound, count: valid.count)
                        } else {
                            for t2 in valid { dst[t2] = src[t2 * s2] }
                        }
                    }
                }
            }
        }
    }

    /// Zeroes the input channels `channels` of `x` and adds every gathered entry back to its pixel
    /// (the adjoint of `gather`). Different channels touch disjoint memory.
    func scatterAdd(from block: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>, channels range: Range<Int>) {
        let width = m1 * m2
        for c in range {
            let plane = x + c * n1 * n2
            plane.update(repeating: 0, count: n1 * n2)
            for a in 0..<kh {
                for b in 0..<kw {
                    let blockRow = block + ((c * kh + a) * kw + b) * width
                    let valid = validColumns[b]
                    guard !valid.isEmpty else { continue }
                    let colOff = b * d2 - left
                    for t1 in 0..<m1 {
                        let ih = t1 * s1 - top + a * d1
                        guard ih >= 0, ih < n1 else { continue }
                        let src = blockRow + t1 * m2
                        let dst = plane + ih * n2 + colOff
                        if s2 == 1 {
                            for t2 in valid { dst[t2] += src[t2] }
                        } else {
                            for t2 in valid { dst[t2 * s2] += src[t2] }
                        }
                    }
                }
            }
        }
    }
}
