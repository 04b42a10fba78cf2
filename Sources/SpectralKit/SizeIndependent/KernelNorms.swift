/// Certified spectral norms of the pieces of one (compacted, canonical) kernel that several figures share:
/// every tap matrix `K_τ` (`cout × cin`), the entrywise-absolute tap sum `A[o, i] = Σ_τ |K[o, i, τ]|`, and
/// the four reshapes of Singla & Feizi (docs/spectral-methods §5):
/// `R1[(o,a),(i,b)]`, `R2[(o,b),(a,i)]`, `R3 = K` as `cout × (cin·kh·kw)`, `R4 = Kᵀ` as `cin × (cout·kh·kw)`.
///
/// `R1`, `R2` and `R4` are skipped (`nil`) when their estimated cost exceeds the work cap (`R4` of a
/// polyphase kernel has `s1·s2·cin` rows); the taps, `A` and `R3` (`cout` rows) are always computed. All values
/// come from `RealSpectralNorm` (Gram matrix + LAPACK eigensolver, with its margin), except `A`'s: it is
/// non-negative, so `NonNegativeSpectralNorm` (power method with Collatz–Wielandt bounds) encloses it first,
/// and `RealSpectralNorm` only when that has not converged.
struct KernelNorms: Sendable {
    var taps: [NormInterval]
    var absoluteSum: NormInterval
    /// `R1 … R4` in order; `nil` = skipped by the work cap.
    var reshapes: [NormInterval?]
    /// `Σ x²` over the kernel's values in storage order (`‖K‖_F²`, summed as `RealSpectralNorm` sums it for
    /// `R3`).
    var squaredSum: Double
    /// For a 1×1 kernel, the Gram matrix its norm came from (`RealSpectralNorm.withGram`: `KKᵀ` or `KᵀK` on
    /// the smaller side, upper triangle), which `SpatialGramIteration` starts from instead of forming it
    /// again; `nil` otherwise (and for a vector or zero kernel).
    var gram: [Double]?

    /// One job of `compute`: a norm, for `R3` the squared sum of the values it saw, and for the tap of a 1×1
    /// kernel its Gram matrix.
    private typealias Job = (norm: NormInterval?, squaredSum: Double, gram: [Double]?)

    /// Norms of every kernel, one LAPACK job per matrix on up to `threads` threads (the values do not depend
    /// on it). A 1×1 kernel has one tap, `R1 = R2 = R3 = K` and `R4 = Kᵀ`: its norm is computed once and
    /// shared. When `1 < cout ≤ cin`, `R3`'s Gram matrix `R3·R3ᵀ = Σ_τ K_τK_τᵀ` is the sum, in tap order, of
    /// the taps' Gram matrices (all `cout × cout`), which the tap norms form anyway: `R3` then costs one
    /// eigensolver call instead of a `cout² · cin·kh·kw` `dsyrk` (`RealSpectralNorm.fromGram`, same margin).
    static func compute(
        for kernels: [StrideOneKernel], reshapeWorkCap: Double, threads: ThreadBudget = .allProcessors
    ) -> [KernelNorms] {
        guard let k0 = kernels.first else { return [] }
        let t = k0.size.h * k0.size.w
        let single = t == 1
        let sumsTaps = !single && k0.outChannels > 1 && k0.outChannels <= k0.inChannels
        // Jobs per kernel: R1…R4 first (the largest, so that the threads finish together), then |K| summed,
        // then the taps; only the tap and |K| for a 1×1 kernel.
        let reshapeJobs = single ? 0 : 4
        let jobsPerKernel = reshapeJobs + 1 + t
        let results = ParallelMap.map(count: kernels.count * jobsPerKernel, threads: threads) { job -> Job in
            let k = kernels[job / jobsPerKernel]
            let j = job % jobsPerKernel
            if j == 2 && sumsTaps {
                // R3 from the taps' Gram matrices below; here only its squared sum in storage order.
                return (nil, k.values.withUnsafeBufferPointer { RealSpectralNorm.squaredSum($0) }, nil)
            }
            if j < reshapeJobs { return reshapeNorm(k, number: j, workCap: reshapeWorkCap) }
            if j == reshapeJobs { return (absoluteSumNorm(k), 0, nil) }
            return tapNorm(k, tap: j - reshapeJobs - 1, keepGram: sumsTaps)
        }
        let summedR3: [NormInterval] = !sumsTaps ? [] : ParallelMap.map(count: kernels.count, threads: threads) { g in
            let (co, ci) = (k0.outChannels, k0.inChannels)
            var sum = [Double](repeating: 0, count: co * co)
            sum.withUnsafeMutableBufferPointer { acc in
                for tap in 0..<t {
                    // A zero tap has no Gram matrix (nil): it adds nothing.
                    guard let gram = results[g * jobsPerKernel + reshapeJobs + 1 + tap].gram else { continue }
                    gram.withUnsafeBufferPointer { gp in
                        for a in 0..<co { for b in a..<co { acc[a * co + b] += gp[a * co + b] } }
                    }
                }
            }
            let frob2 = results[g * jobsPerKernel + 2].squaredSum
            return sum.withUnsafeBufferPointer { RealSpectralNorm.fromGram($0.baseAddress!, n: co, k: ci * t, squaredSum: frob2) }
        }
        return (0..<kernels.count).map { g in
            let r = Array(results[(g * jobsPerKernel)..<((g + 1) * jobsPerKernel)])
            let taps = r[(reshapeJobs + 1)...].map { $0.norm! }
            var reshapes = single ? [NormInterval?](repeating: taps[0], count: 4) : r[0..<4].map(\.norm)
            if sumsTaps { reshapes[2] = summedR3[g] }
            // R3 (or, for a 1×1 kernel, its only tap) is the values in storage order.
            let squaredSum = single ? r[reshapeJobs + 1].squaredSum : r[2].squaredSum
            return KernelNorms(
                taps: taps, absoluteSum: r[reshapeJobs].norm!, reshapes: reshapes, squaredSum: squaredSum,
                gram: single ? r[reshapeJobs + 1].gram : nil)
        }
    }

    /// `min` over the computed reshape norms (upper ends) — `R3` is always present.
    var smallestReshapeUpper: Double {
        reshapes.compactMap { $0?.upper }.min()!
    }

    /// Taps of a multi-tap kernel whose Gram side `min(cout, cin)` is at least this take
    /// `RealSpectralNorm.byCholesky` (Lanczos + a Cholesky test, width `≈ 2e-5` relative) instead of the
    /// eigensolver; below it `dsyevr` is as cheap (measured equal at 64, 1.35× slower at 128, 1.6× at 512:
    /// `CholeskySpectralNormBenchmarkTests`) and exact to rounding.
    static let choleskyMinimumOrder = 128

    /// `‖K_τ‖₂`: the tap's matrix gathered with its squared sum in one pass; with `keepGram`, its Gram matrix
    /// too (for `R3`). The only tap of a 1×1 kernel is the stored values themselves: no copy, and its Gram
    /// matrix is always kept (`gram`); its enclosure is the eigensolver's (`withGram`), as it is the layer's
    /// headline figure. A multi-tap kernel's taps with `min(cout, cin) ≥ choleskyMinimumOrder` are enclosed
    /// by `RealSpectralNorm.byCholesky` (certified, `≈ 2e-5` wide relative), which skips the tridiagonal reduction.
    private static func tapNorm(_ k: StrideOneKernel, tap: Int, keepGram: Bool) -> Job {
        let t = k.size.h * k.size.w, n = k.outChannels * k.inChannels
        if t == 1 {
            return k.values.withUnsafeBufferPointer { v in
                let frob2 = RealSpectralNorm.squaredSum(v)
                let (norm, gram) = RealSpectralNorm.withGram(
                    v.baseAddress!, rows: k.outChannels, cols: k.inChannels, squaredSum: frob2)
                return (norm, frob2, gram)
            }
        }
        var frob2 = 0.0
        let m = [Double](unsafeUninitializedCapacity: n) { m, count in
            k.values.withUnsafeBufferPointer { v in
                let src = v.baseAddress! + tap
                for e in 0..<n {
                    let x = src[e * t]
                    m[e] = x
                    frob2 += x * x
                }
            }
            count = n
        }
        return m.withUnsafeBufferPointer {
            if min(k.outChannels, k.inChannels) >= choleskyMinimumOrder {
                let (norm, gram) = RealSpectralNorm.byCholesky(
                    $0.baseAddress!, rows: k.outChannels, cols: k.inChannels, squaredSum: frob2, keepGram: keepGram)
                return (norm, frob2, gram)
            }
            if keepGram {
                let (norm, gram) = RealSpectralNorm.withGram($0.baseAddress!, rows: k.outChannels, cols: k.inChannels, squaredSum: frob2)
                return (norm, frob2, gram)
            }
            return (RealSpectralNorm.of($0.baseAddress!, rows: k.outChannels, cols: k.inChannels, squaredSum: frob2), frob2, nil)
        }
    }

    /// `‖A‖₂` of `A[o, i] = Σ_τ |K[o, i, τ]|`. `A` is written in one pass (for a 1×1 kernel just `|K|`, a
    /// loop the compiler vectorizes); its squared sum, which only `RealSpectralNorm`'s fallback needs, is
    /// summed (in storage order, the same bits as before) only when the power method has not converged.
    private static func absoluteSumNorm(_ k: StrideOneKernel) -> NormInterval {
        let t = k.size.h * k.size.w, n = k.outChannels * k.inChannels
        let m = [Double](unsafeUninitializedCapacity: n) { m, count in
            k.values.withUnsafeBufferPointer { v in
                let (src, dst) = (v.baseAddress!, m.baseAddress!)
                if t == 1 {
                    for e in 0..<n { dst[e] = abs(src[e]) }
                } else {
                    for e in 0..<n {
                        var s = 0.0
                        for tap in 0..<t { s += abs(src[e * t + tap]) }
                        dst[e] = s
                    }
                }
            }
            count = n
        }
        return m.withUnsafeBufferPointer {
            NonNegativeSpectralNorm.of($0.baseAddress!, rows: k.outChannels, cols: k.inChannels, relativeGap: absoluteSumGap)
                ?? RealSpectralNorm.of(
                    $0.baseAddress!, rows: k.outChannels, cols: k.inChannels, squaredSum: RealSpectralNorm.squaredSum($0))
        }
    }

    /// How close the power method's two quotients must come for `‖A‖₂` (`A` is non-negative); only the
    /// upper end is used (`ClosedFormBounds.blockNorm`), and this keeps it within ~`1e-13` of the exact norm.
    static let absoluteSumGap = 1e-13

    /// The estimated cost (flops) of `RealSpectralNorm` on an `r × c` matrix.
    static func normWork(rows: Int, cols: Int) -> Double {
        let n = Double(min(rows, cols)), kk = Double(max(rows, cols))
        return n * n * kk + 10 * n * n * n
    }

    /// `R_{number+1}` (`number` in `0...3`); `R1`, `R2`, `R4` return `nil` above the work cap. Every reshape
    /// writes each entry once (a permutation of the values), so its buffer starts uninitialized.
    private static func reshapeNorm(_ k: StrideOneKernel, number: Int, workCap: Double) -> Job {
        let (co, ci, kh, kw) = (k.outChannels, k.inChannels, k.size.h, k.size.w)
        let t = kh * kw, count = co * ci * t
        /// The norm of the `rows × cols` matrix that `write` fills from the values (`dst[index] = src[...]`).
        func norm(rows: Int, cols: Int, _ write: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) -> Job {
            let m = [Double](unsafeUninitializedCapacity: count) { m, written in
                k.values.withUnsafeBufferPointer { write($0.baseAddress!, m.baseAddress!) }
                written = count
            }
            return (RealSpectralNorm.of(m, rows: rows, cols: cols), 0, nil)
        }
        switch number {
        case 0:  // R1[(o,a),(i,b)]
            guard normWork(rows: co * kh, cols: ci * kw) <= workCap else { return (nil, 0, nil) }
            return norm(rows: co * kh, cols: ci * kw) { src, dst in
                for o in 0..<co { for i in 0..<ci { for a in 0..<kh { for b in 0..<kw {
                    dst[(o * kh + a) * (ci * kw) + i * kw + b] = src[((o * ci + i) * kh + a) * kw + b]
                } } } }
            }
        case 1:  // R2[(o,b),(a,i)]
            guard normWork(rows: co * kw, cols: kh * ci) <= workCap else { return (nil, 0, nil) }
            return norm(rows: co * kw, cols: kh * ci) { src, dst in
                for o in 0..<co { for i in 0..<ci { for a in 0..<kh { for b in 0..<kw {
                    dst[(o * kw + b) * (kh * ci) + a * ci + i] = src[((o * ci + i) * kh + a) * kw + b]
                } } } }
            }
        case 2:  // R3 = K as cout × (cin·kh·kw): the stored layout.
            return k.values.withUnsafeBufferPointer { v in
                let frob2 = RealSpectralNorm.squaredSum(v)
                return (RealSpectralNorm.of(v.baseAddress!, rows: co, cols: ci * t, squaredSum: frob2), frob2, nil)
            }
        default:  // R4[i, (o,a,b)]
            guard normWork(rows: ci, cols: co * t) <= workCap else { return (nil, 0, nil) }
            return norm(rows: ci, cols: co * t) { src, dst in
                for o in 0..<co { for i in 0..<ci { for tap in 0..<t {
                    dst[(i * co + o) * t + tap] = src[(o * ci + i) * t + tap]
                } } }
            }
        }
    }
}
