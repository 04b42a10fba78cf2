/// The smallest circulant size per axis that provably contains the zero-padded layer (docs/spectral-methods
/// §2, size-dependent certificate), in the polyphase domain of `K'`.
///
/// Along one axis, the padded input position `P = s·Q + r` (phase `r`, polyphase index `Q`) holds input
/// when `pad_begin ≤ P < pad_begin + n`; output `t` reads `Q = t + p` of phase `r` for each tap `a` with
/// `a·d = p·s + r`. Place each phase's support at `Q mod N` in a circular buffer of size `N`. Then
/// `T = S · C_N(K') · E` exactly — `E` an isometric embedding, `S` a row selection, after dropping the
/// output rows that read no input (zero rows of `T`) — whenever
/// 1. each phase's support is injective mod `N`,
/// 2. the live output rows are distinct mod `N`, and
/// 3. no read of a position outside a phase's support aliases onto that support mod `N`.
/// Hence `‖T_n‖₂ ≤ ‖C_N(K')‖₂`. The search starts at the obvious lower limits and always terminates: the
/// docs' `N = ⌈(n + pads)/s⌉ + ⌈k_eff/s⌉ − 1` satisfies the conditions (and so does the span of every
/// accessed position). For stride 1 with pads ≤ k_eff − 1 this gives `n + pads` (e.g. `n` for a valid
/// convolution), never more than `n + k_eff − 1`.
enum EmbeddingGrid {
    /// The grid size along one axis.
    static func size(input n: Int, padBegin: Int, padEnd: Int, kernel k: Int, dilation d: Int, stride s: Int) -> Int {
        let total = n + padBegin + padEnd
        let kEff = (k - 1) * d + 1
        let m = (total - kEff) / s + 1
        precondition(m >= 1, "kernel larger than the padded input")
        // Supports per phase r: Q with padBegin ≤ sQ + r < padBegin + n.
        func support(_ r: Int) -> Range<Int> {
            let lo = GatherGeometry.ceilDiv(padBegin - r, s)
            let hi = GatherGeometry.floorDiv(padBegin + n - 1 - r, s)
            return lo..<max(lo, hi + 1)
        }
        let supports = (0..<s).map(support)
        let taps = (0..<k).map { a in (p: a * d / s, r: a * d % s) }
        let live = (0..<m).filter { t in taps.contains { supports[$0.r].contains(t + $0.p) } }
        let lower = max(1, live.count, supports.map(\.count).max() ?? 1)
        let docs = (total + s - 1) / s + (kEff + s - 1) / s - 1
        var N = lower
        while N < docs && !valid(N, supports: supports, taps: taps, live: live) { N += 1 }
        return N
    }

    private static func valid(_ N: Int, supports: [Range<Int>], taps: [(p: Int, r: Int)], live: [Int]) -> Bool {
        func mod(_ x: Int) -> Int { ((x % N) + N) % N }
        if supports.contains(where: { $0.count > N }) { return false }
        if Set(live.map(mod)).count != live.count { return false }
        let residues = supports.map { Set($0.map(mod)) }
        for t in live {
            for tap in taps {
                let q = t + tap.p
                if !supports[tap.r].contains(q) && residues[tap.r].contains(mod(q)) { return false }
            }
        }
        return true
    }

    /// The 2-D grid for a layer at input size `input`.
    static func grid(for spec: ConvolutionSpec, input: Size2D) -> Size2D {
        Size2D(
            size(input: input.h, padBegin: spec.pads.top, padEnd: spec.pads.bottom, kernel: spec.kernel.h,
                 dilation: spec.dilation.h, stride: spec.stride.h),
            size(input: input.w, padBegin: spec.pads.left, padEnd: spec.pads.right, kernel: spec.kernel.w,
                 dilation: spec.dilation.w, stride: spec.stride.w))
    }
}
