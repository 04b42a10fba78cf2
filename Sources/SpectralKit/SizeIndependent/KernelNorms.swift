/// Certified spectral norms of the pieces of one (compacted, canonical) kernel that several figures share:
/// every tap matrix `K_τ` (`cout × cin`), the entrywise-absolute tap sum `A[o, i] = Σ_τ |K[o, i, τ]|`, and
/// the four reshapes of Singla & Feizi (docs/spectral-methods §5):
/// `R1[(o,a),(i,b)]`, `R2[(o,b),(a,i)]`, `R3 = K` as `cout × (cin·kh·kw)`, `R4 = Kᵀ` as `cin × (cout·kh·kw)`.
///
/// `R1`, `R2` and `R4` are skipped (`nil`) when their estimated cost exceeds the work cap (`R4` of a
/// polyphase kernel has `s1·s2·cin` rows); the taps, `A` and `R3` (`cout` rows) are always computed. All values come from `RealSpectralNorm` (Gram matrix + LAPACK eigensolver, with its margin).
struct KernelNorms: Sendable {
    var taps: [NormInterval]
    var absoluteSum: NormInterval
    /// `R1 … R4` in order; `nil` = skipped by the work cap.
    var reshapes: [NormInterval?]

    /// Norms of every kernel, computed on all cores (one LAPACK job per matrix). A 1×1 kernel has one tap,
    /// `R1 = R2 = R3 = K` and `R4 = Kᵀ`: its norm is computed once and shared.
    static func compute(for kernels: [StrideOneKernel], reshapeWorkCap: Double) -> [KernelNorms] {
        guard let k0 = kernels.first else { return [] }
        let t = k0.size.h * k0.size.w
        let single = t == 1
        // Jobs per kernel: the taps, |K| summed, then R1…R4 (only the taps and |K| for a 1×1 kernel).
        let jobsPerKernel = single ? 2 : t + 5
        let results = ParallelMap.map(count: kernels.count * jobsPerKernel) { job -> NormInterval? in
            let k = kernels[job / jobsPerKernel]
            let j = job % jobsPerKernel
            if j < t { return tapNorm(k, tap: j) }
            if j == t { return absoluteSumNorm(k) }
            return reshapeNorm(k, number: j - t - 1, workCap: reshapeWorkCap)
        }
        return (0..<kernels.count).map { g in
            let r = Array(results[(g * jobsPerKernel)..<((g + 1) * jobsPerKernel)])
            let reshapes = single ? [NormInterval?](repeating: r[0], count: 4) : Array(r[(t + 1)...])
            return KernelNorms(taps: r[0..<t].map { $0! }, absoluteSum: r[t]!, reshapes: reshapes)
        }
    }

    /// `min` over the computed reshape norms (upper ends) — `R3` is always present.
    var smallestReshapeUpper: Double {
        reshapes.compactMap { $0?.upper }.min()!
    }

    private static func tapNorm(_ k: StrideOneKernel, tap: Int) -> NormInterval {
        let t = k.size.h * k.size.w
        let m = (0..<(k.outChannels * k.inChannels)).map { k.values[$0 * t + tap] }
        return RealSpectralNorm.of(m, rows: k.outChannels, cols: k.inChannels)
    }

    private static func absoluteSumNorm(_ k: StrideOneKernel) -> NormInterval {
        let t = k.size.h * k.size.w
        let m = (0..<(k.outChannels * k.inChannels)).map { e in
            var s = 0.0
            for tap in 0..<t { s += abs(k.values[e * t + tap]) }
            return s
        }
        return RealSpectralNorm.of(m, rows: k.outChannels, cols: k.inChannels)
    }

    /// The estimated cost (flops) of `RealSpectralNorm` on an `r × c` matrix.
    static func normWork(rows: Int, cols: Int) -> Double {
        let n = Double(min(rows, cols)), kk = Double(max(rows, cols))
        return n * n * kk + 10 * n * n * n
    }

    /// `R_{number+1}` (`number` in `0...3`); `R1`, `R2`, `R4` return `nil` above the work cap.
    private static func reshapeNorm(_ k: StrideOneKernel, number: Int, workCap: Double) -> NormInterval? {
        let (co, ci, kh, kw) = (k.outChannels, k.inChannels, k.size.h, k.size.w)
        switch number {
        case 0:  // R1[(o,a),(i,b)]
            guard normWork(rows: co * kh, cols: ci * kw) <= workCap else { return nil }
            var m = [Double](repeating: 0, count: co * kh * ci * kw)
            for o in 0..<co { for i in 0..<ci { for a in 0..<kh { for b in 0..<kw {
                m[(o * kh + a) * (ci * kw) + i * kw + b] = k[o, i, a, b]
            } } } }
            return RealSpectralNorm.of(m, rows: co * kh, cols: ci * kw)
        case 1:  // R2[(o,b),(a,i)]
            guard normWork(rows: co * kw, cols: kh * ci) <= workCap else { return nil }
            var m = [Double](repeating: 0, count: co * kw * kh * ci)
            for o in 0..<co { for i in 0..<ci { for a in 0..<kh { for b in 0..<kw {
                m[(o * kw + b) * (kh * ci) + a * ci + i] = k[o, i, a, b]
            } } } }
            return RealSpectralNorm.of(m, rows: co * kw, cols: kh * ci)
        case 2:  // R3 = K as cout × (cin·kh·kw): the stored layout.
            return RealSpectralNorm.of(k.values, rows: co, cols: ci * kh * kw)
        default:  // R4[i, (o,a,b)]
            guard normWork(rows: ci, cols: co * kh * kw) <= workCap else { return nil }
            let t = kh * kw
            var m = [Double](repeating: 0, count: ci * co * t)
            for o in 0..<co { for i in 0..<ci { for tap in 0..<t {
                m[(i * co + o) * t + tap] = k.values[(o * ci + i) * t + tap]
            } } }
            return RealSpectralNorm.of(m, rows: ci, cols: co * t)
        }
    }
}
