/// Reduces the canonical kernels of a layer's groups (`ConvolutionSpec.canonicalKernel(group:)`) to the
/// smallest kernels with the same spectral-density singular values, so that size-independent figures are
/// tighter and cheaper:
///
/// - all-zero output and input channels are dropped (zero rows and columns of every `F(ω)`), and every group
///   is padded back with zero channels to the largest remaining count so that groups share one shape;
/// - all-zero border rows and columns of taps are trimmed (a shift: a unit-modulus factor on `F`);
/// - a tap grid whose non-zero taps lie on every `m`-th row (or column) is compacted by `m`
///   (`F(ω1, ω2) = F_c(m·ω1, ω2)`, the same supremum) — this removes the zero-stuffing that dilation leaves
///   in a polyphase kernel when the stride does not absorb it (e.g. dilation 4, stride 2), on which
///   reshape-type bounds would be inflated (docs/spectral-methods §1).
///
/// The result's `σ∞` equals the layer's, and every bound computed on it is a bound on the layer.
enum CompactKernel {
    /// The compacted kernels of all groups, or `nil` when the whole layer's weight is zero.
    static func groups(of spec: ConvolutionSpec) -> [StrideOneKernel]? {
        compaction(of: spec)?.kernels
    }

    /// The compacted kernels of all groups and the compaction steps `m = (m1, m2)` (`F(ω) = F_c(m·ω)` up to
    /// a unit-modulus factor), or `nil` when the whole layer's weight is zero.
    ///
    /// A 1×1 kernel starts from the undilated kernel whatever the stride: its polyphase kernel is that kernel
    /// plus `s1·s2 − 1` all-zero input channels after each one, which the compaction drops again (same values,
    /// same order, steps `(1, 1)`), so building it — `s1·s2` times the weight — is skipped.
    static func compaction(of spec: ConvolutionSpec) -> (kernels: [StrideOneKernel], steps: Size2D)? {
        let pointwise = spec.kernel == Size2D(1, 1)
        return compactWithSteps((0..<spec.groups).map {
            pointwise ? spec.undilatedKernel(group: $0) : spec.canonicalKernel(group: $0)
        })
    }

    /// Compacts kernels of one shape together (see the type's documentation); `nil` when all are zero.
    static func compact(_ kernels: [StrideOneKernel]) -> [StrideOneKernel]? {
        compactWithSteps(kernels)?.kernels
    }

    private static func compactWithSteps(_ kernels: [StrideOneKernel]) -> (kernels: [StrideOneKernel], steps: Size2D)? {
        guard let first = kernels.first else { return nil }
        let (co, ci, kh, kw) = (first.outChannels, first.inChannels, first.size.h, first.size.w)
        var rowsUsed = [Bool](repeating: false, count: kh), colsUsed = [Bool](repeating: false, count: kw)
        var outUsed: [[Int]] = [], inUsed: [[Int]] = []
        let t = kh * kw
        // Which taps hold a non-zero weight in some entry of some kernel.
        var tapUsed = [UInt8](repeating: 0, count: t)
        for k in kernels {
            var o = [Bool](repeating: false, count: co), i = [Bool](repeating: false, count: ci)
            if t == 1 {
                tapUsed[0] |= pointwiseScan(k.values, rows: co, cols: ci, rowUsed: &o, colUsed: &i)
                outUsed.append((0..<co).filter { o[$0] })
                inUsed.append((0..<ci).filter { i[$0] })
                continue
            }
            k.values.withUnsafeBufferPointer { v in
                tapUsed.withUnsafeMutableBufferPointer { used in
                    for a in 0..<co {
                        for b in 0..<ci {
                            // Branch-free over the entry's taps.
                            let taps = v.baseAddress! + (a * ci + b) * t
                            var any: UInt8 = 0
                            for j in 0..<t {
                                let nonZero: UInt8 = taps[j] != 0 ? 1 : 0
                                used[j] |= nonZero
                                any |= nonZero
                            }
                            if any != 0 {
                                o[a] = true
                                i[b] = true
                            }
                        }
                    }
                }
            }
            outUsed.append((0..<co).filter { o[$0] })
            inUsed.append((0..<ci).filter { i[$0] })
        }
        for p in 0..<kh {
            for q in 0..<kw where tapUsed[p * kw + q] != 0 {
                rowsUsed[p] = true
                colsUsed[q] = true
            }
        }
        guard let (p0, m1, n1) = support(rowsUsed), let (q0, m2, n2) = support(colsUsed) else { return nil }
        let coNew = max(1, outUsed.map(\.count).max()!), ciNew = max(1, inUsed.map(\.count).max()!)
        if coNew == co && ciNew == ci && n1 == kh && n2 == kw { return (kernels, Size2D(1, 1)) }
        let compacted = kernels.enumerated().map { g, k in
            // Zeros where a group has fewer channels than the largest; every other entry is copied.
            var v = [Double](repeating: 0, count: coNew * ciNew * n1 * n2)
            v.withUnsafeMutableBufferPointer { dst in
                k.values.withUnsafeBufferPointer { src in
                    for (a, o) in outUsed[g].enumerated() {
                        for (b, i) in inUsed[g].enumerated() {
                            let from = src.baseAddress! + (o * ci + i) * t + p0 * kw + q0
                            let to = dst.baseAddress! + (a * ciNew + b) * n1 * n2
                            for p in 0..<n1 {
                                for q in 0..<n2 {
                                    to[p * n2 + q] = from[p * m1 * kw + q * m2]
                                }
                            }
                        }
                    }
                }
            }
            return StrideOneKernel(outChannels: coNew, inChannels: ciNew, size: Size2D(n1, n2), values: v)
        }
        return (compacted, Size2D(n1 > 1 ? m1 : 1, n2 > 1 ? m2 : 1))
    }

    /// The scan of a 1×1 kernel (`rows × cols` row-major): marks the rows and columns holding a non-zero
    /// value and returns 1 when there is one. Branch-free byte flags per row, which the compiler vectorizes.
    private static func pointwiseScan(
        _ values: [Double], rows: Int, cols: Int, rowUsed: inout [Bool], colUsed: inout [Bool]
    ) -> UInt8 {
        var cols8 = [UInt8](repeating: 0, count: cols)
        var any: UInt8 = 0
        values.withUnsafeBufferPointer { v in
            cols8.withUnsafeMutableBufferPointer { c in
                for a in 0..<rows {
                    let row = v.baseAddress! + a * cols
                    var rowAny: UInt8 = 0
                    for b in 0..<cols {
                        let nonZero: UInt8 = row[b] != 0 ? 1 : 0
                        c[b] |= nonZero
                        rowAny |= nonZero
                    }
                    rowUsed[a] = rowAny != 0
                    any |= rowAny
                }
            }
        }
        for b in 0..<cols { colUsed[b] = cols8[b] != 0 }
        return any
    }

    /// First used index, step (gcd of used offsets) and compacted count; `nil` when nothing is used.
    private static func support(_ used: [Bool]) -> (Int, Int, Int)? {
        let idx = used.indices.filter { used[$0] }
        guard let lo = idx.first, let hi = idx.last else { return nil }
        var step = 0
        for x in idx { step = gcd(step, x - lo) }
        step = max(step, 1)
        return (lo, step, (hi - lo) / step + 1)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
