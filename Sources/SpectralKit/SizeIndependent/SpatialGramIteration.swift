internal import CLAPACK

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif

/// The computation behind `GramIterationBound` for the kernels of a layer's groups (all of one shape), run
/// together: one symbol evaluation per frequency batch for all groups, per-group rescaling, and one inverse
/// DFT whose columns are every group's entries (a depthwise layer with many groups costs little more than
/// one group). The result is the largest group bound.
///
/// Floating-point margin: each spatial coefficient of the rescaled `G_t` is off by at most
/// `δ = 4·(2^t·c + N1 + N2 + T + 10)·u·max_ω ‖Ĝ_t(ω)‖_F` (squarings double relative errors; the inverse
/// DFT adds `(N1 + N2)·u`), so `c·N1·N2·δ` is added to the row sum, and the final bound is multiplied by
/// `1 + 1e-10` to cover the scale bookkeeping (a documented safety margin, not a formal proof).
struct SpatialGramIteration {
    let kernels: [StrideOneKernel]
    let memoryCap: Double
    /// Work cap for all groups together, flops.
    let workCap: Double
    let maxIterations: Int
    /// Threads for the frequency batches and inverse-DFT chunks (the bound does not depend on it).
    let threads: ThreadBudget
    /// For 1×1 kernels, each group's first Gram matrix when the caller already has it (`KernelNorms.gram`:
    /// upper triangle of `KKᵀ` or `KᵀK` on the smaller side, exactly what `runMatrix` would form); `nil`
    /// entries are formed here. Ignored for larger kernels.
    let firstGrams: [[Double]?]

    init(
        kernels: [StrideOneKernel], memoryCap: Double, workCap: Double, maxIterations: Int,
        threads: ThreadBudget = .allProcessors, firstGrams: [[Double]?] = []
    ) {
        precondition(!kernels.isEmpty)
        precondition(firstGrams.isEmpty || firstGrams.count == kernels.count)
        self.kernels = kernels
        self.memoryCap = memoryCap
        self.workCap = workCap
        self.maxIterations = maxIterations
        self.threads = threads
        self.firstGrams = firstGrams
    }

    init(
        kernel: StrideOneKernel, memoryCap: Double, workCap: Double, maxIterations: Int,
        threads: ThreadBudget = .allProcessors
    ) {
        self.init(
            kernels: [kernel], memoryCap: memoryCap, workCap: workCap, maxIterations: maxIterations, threads: threads)
    }

    private var kernel: StrideOneKernel { kernels[0] }

    /// The bound, or `nil` when even one iteration does not fit the memory and work caps.
    func run() -> GramIterationBound? {
        let (co, ci) = (kernel.outChannels, kernel.inChannels)
        let c = min(co, ci), groups = kernels.count
        if kernel.size == Size2D(1, 1) {
            var best = GramIterationBound(upper: 0, iterations: Int.max)
            for (g, k) in kernels.enumerated() {
                let b = runMatrix(k, workCap: workCap / Double(groups), firstGram: firstGrams.isEmpty ? nil : firstGrams[g])
                best = GramIterationBound(upper: max(best.upper, b.upper), iterations: min(best.iterations, b.iterations))
            }
            return best
        }
        guard let t = chooseIterations() else { return nil }
        let n1 = (1 << t) * (kernel.size.h - 1) + 1, n2 = (1 << t) * (kernel.size.w - 1) + 1
        let reps = representatives(n1, n2)
        let block = 2 * c * c, entries = co * ci
        let repBlock = groups * block
        let storage = DoubleStorage(count: reps.count * repBlock)
        let density = SpectralDensity(kernels: kernels, centre: (0, 0))
        // Ĝ_1(ω) = F(ω)F(ω)ᴴ (or FᴴF) per group on the half grid, in batches of frequencies.
        let batch = max(1, min((reps.count + 7) / 8, (1 << 20) / density.valuesPerPoint))
        let batches = (reps.count + batch - 1) / batch
        let firstNorms = ParallelMap.map(count: batches, threads: threads) { b -> [Double] in
            let lo = b * batch, hi = min(reps.count, lo + batch)
            let points = (lo..<hi).map { Frequency.dftGrid(reps[$0].u, reps[$0].v, size: Size2D(n1, n2)) }
            let f = density.evaluate(at: points)
            var norms = [Double](repeating: 0, count: (hi - lo) * groups)
            f.withUnsafeBufferPointer { fp in
                for r in lo..<hi {
                    for g in 0..<groups {
                        let src = fp.baseAddress! + 2 * ((r - lo) * groups + g) * entries
                        let dst = storage.pointer + r * repBlock + g * block
                        if c == 1 {
                            var s = 0.0
                            for j in 0..<(2 * entries) { s += src[j] * src[j] }
                            dst[0] = s
                            dst[1] = 0
                        } else if co <= ci {
                            cblas_zherk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(c), Int32(ci), 1, src, Int32(ci), 0, dst, Int32(c))
                        } else {
                            cblas_zherk(CblasRowMajor, CblasUpper, CblasConjTrans, Int32(c), Int32(co), 1, src, Int32(ci), 0, dst, Int32(c))
                        }
                        norms[(r - lo) * groups + g] = Self.completeHermitian(dst, c)
                    }
                }
            }
            return norms
        }
        var frob2 = firstNorms.flatMap { $0 }  // [rep][group]
        var logScale = [Double](repeating: 0, count: groups)
        for step in 1...t {
            if step > 1 {
                let perRep = ParallelMap.map(count: batches, threads: threads) { b -> [Double] in
                    let lo = b * batch, hi = min(reps.count, lo + batch)
                    var norms = [Double](repeating: 0, count: (hi - lo) * groups)
                    var tmp = [Double](repeating: 0, count: block)
                    for r in lo..<hi {
                        for g in 0..<groups {
                            let m = storage.pointer + r * repBlock + g * block
                            if c == 1 {
                                m[0] *= m[0]
                            } else {
                                cblas_zherk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(c), Int32(c), 1, m, Int32(c), 0, &tmp, Int32(c))
                                tmp.withUnsafeBufferPointer { m.update(from: $0.baseAddress!, count: block) }
                            }
                            norms[(r - lo) * groups + g] = Self.completeHermitian(m, c)
                        }
                    }
                    return norms
                }
                frob2 = perRep.flatMap { $0 }
            }
            var inverse = [Double](repeating: 0, count: groups)
            for g in 0..<groups {
                var total = 0.0
                for (r, rep) in reps.enumerated() { total += Double(rep.weight) * frob2[r * groups + g] }
                let s = (total / Double(n1 * n2)).squareRoot()
                inverse[g] = s > 0 ? 1 / s : 0
                logScale[g] += s > 0 ? log(s) / Double(1 << step) : 0
            }
            for r in 0..<reps.count {
                for g in 0..<groups {
                    let m = storage.pointer + r * repBlock + g * block
                    for i in 0..<block { m[i] *= inverse[g] }
                }
            }
        }
        // The largest rescaled block norm per group, for the margin.
        var largest = [Double](repeating: 0, count: groups)
        for r in 0..<reps.count {
            for g in 0..<groups {
                let m = storage.pointer + r * repBlock + g * block
                var f = 0.0
                for i in 0..<block { f += m[i] * m[i] }
                largest[g] = max(largest[g], f.squareRoot())
            }
        }
        let rowSums = rowSums(storage: storage, reps: reps, n1: n1, n2: n2, rows: groups * c, rowLength: c)
        let u = Double.ulpOfOne / 2
        var upper = 0.0
        for g in 0..<groups {
            let rowSum = rowSums[(g * c)..<((g + 1) * c)].max()!
            guard rowSum > 0 else { continue }
            let delta = 4 * Double((1 << t) * c + n1 + n2 + kernel.size.h * kernel.size.w + 10) * u * largest[g]
            let bounded = rowSum + Double(c * n1 * n2) * delta
            upper = max(upper, exp(log(bounded) / Double(1 << t) + logScale[g]) * (1 + 1e-10))
        }
        return GramIterationBound(upper: upper, iterations: t)
    }

    // MARK: - Iteration count

    /// The largest `t ≤ maxIterations` within both caps, or `nil`.
    func chooseIterations() -> Int? {
        var best: Int?
        for t in 1...max(1, maxIterations) {
            let (memory, work) = cost(iterations: t)
            if memory > memoryCap || work > workCap { break }
            best = t
        }
        return best
    }

    /// Estimated peak memory (bytes) and work (flops) of `t` iterations for all groups (a 1×1 kernel: for one
    /// group).
    func cost(iterations t: Int) -> (memory: Double, work: Double) {
        let groups = Double(kernels.count)
        let (co, ci) = (Double(kernel.outChannels), Double(kernel.inChannels))
        let c = min(co, ci), cmax = max(co, ci)
        let taps = Double(kernel.size.h * kernel.size.w)
        if kernel.size == Size2D(1, 1) {
            // The first Gram matrix is needed anyway; the work cap applies to the squarings.
            return (3 * 8 * c * c + 8 * co * ci, Double(t - 1) * c * c * c)
        }
        let n1 = Double((1 << t) * (kernel.size.h - 1) + 1), n2 = Double((1 << t) * (kernel.size.w - 1) + 1)
        let reps = (n1 * n2 + 3) / 2
        // Half-grid storage, per-worker squaring and symbol buffers, two inverse-DFT chunks in flight.
        let memory = groups * reps * c * c * 16 + 2 * (8e6 + c * c * 16) + 2 * max(8e6, 32 * n1 * n2 * c)
        let work = groups * (reps * (8 * taps * co * ci + 4 * c * c * cmax + Double(t - 1) * 4 * c * c * c)
            + 8 * c * c * n1 * n2 * (n1 + n2))
        return (memory, work)
    }

    // MARK: - 1×1 kernels: the matrix Gram iteration with the row-sum bound

    private func runMatrix(_ kernel: StrideOneKernel, workCap: Double, firstGram: [Double]?) -> GramIterationBound {
        let (co, ci) = (kernel.outChannels, kernel.inChannels)
        let c = min(co, ci)
        var t = 1
        while t < maxIterations && cost(iterations: t + 1).work <= workCap { t += 1 }
        var g: [Double]
        if let firstGram {
            precondition(firstGram.count == c * c)
            g = firstGram
        } else {
            g = [Double](repeating: 0, count: c * c)
            kernel.values.withUnsafeBufferPointer { v in
                g.withUnsafeMutableBufferPointer { RealSpectralNorm.gram(v.baseAddress!, rows: co, cols: ci, into: $0.baseAddress!) }
            }
        }
        var logScale = 0.0
        var tmp = [Double](repeating: 0, count: c * c)
        for step in 1...t {
            if step > 1 {
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(c), Int32(c), 1, g, Int32(c), 0, &tmp, Int32(c))
                swap(&g, &tmp)
            }
            var f2 = 0.0
            for a in 0..<c {
                for b in a..<c {
                    let x = g[a * c + b]
                    g[b * c + a] = x
                    f2 += (a == b ? 1 : 2) * x * x
                }
            }
            let s = f2.squareRoot()
            guard s > 0 else { return GramIterationBound(upper: 0, iterations: t) }
            for i in 0..<(c * c) { g[i] /= s }
            logScale += log(s) / Double(1 << step)
        }
        var rowSum = 0.0
        for a in 0..<c {
            var r = 0.0
            for b in 0..<c { r += abs(g[a * c + b]) }
            rowSum = max(rowSum, r)
        }
        let u = Double.ulpOfOne / 2
        let margin = Double(c) * 4 * Double((1 << t) * c + max(co, ci) + 10) * u
        let value = exp(log(rowSum + margin) / Double(1 << t) + logScale) * (1 + 1e-10)
        return GramIterationBound(upper: value, iterations: t)
    }

    // MARK: - Helpers

    struct Representative {
        var u: Int, v: Int, weight: Int
    }

    /// One frequency of each pair `{ω, −ω}` of the `n1 × n2` DFT grid, with weight 2 (pair) or 1 (self-paired).
    func representatives(_ n1: Int, _ n2: Int) -> [Representative] {
        var reps: [Representative] = []
        for u in 0..<n1 {
            for v in 0..<n2 {
                let (pu, pv) = ((n1 - u) % n1, (n2 - v) % n2)
                let me = u * n2 + v, partner = pu * n2 + pv
                if me < partner {
                    reps.append(Representative(u: u, v: v, weight: 2))
                } else if me == partner {
                    reps.append(Representative(u: u, v: v, weight: 1))
                }
            }
        }
        return reps
    }

    /// Fills the lower triangle of a Hermitian matrix from its upper one (imaginary diagonal set to 0) and
    /// returns its squared Frobenius norm.
    static func completeHermitian(_ g: UnsafeMutablePointer<Double>, _ c: Int) -> Double {
        var f2 = 0.0
        for a in 0..<c {
            g[2 * (a * c + a) + 1] = 0
            f2 += g[2 * (a * c + a)] * g[2 * (a * c + a)]
            for b in (a + 1)..<max(a + 1, c) {
                let (re, im) = (g[2 * (a * c + b)], g[2 * (a * c + b) + 1])
                g[2 * (b * c + a)] = re
                g[2 * (b * c + a) + 1] = -im
                f2 += 2 * (re * re + im * im)
            }
        }
        return f2
    }

    /// `Σ_{b, Δ} |G[a, b, Δ]|` for every row `a` of the spatial coefficients (all groups' rows stacked:
    /// `rows = groups·c`, `rowLength = c`), by a separable inverse DFT of chunks of rows (on `threads`).
    private func rowSums(
        storage: DoubleStorage, reps: [Representative], n1: Int, n2: Int, rows: Int, rowLength c: Int
    ) -> [Double] {
        // Where each grid point's value is stored: representative index and whether it is conjugated.
        var sourceTable = [(Int, Bool)](repeating: (0, false), count: n1 * n2)
        for (r, rep) in reps.enumerated() {
            sourceTable[((n1 - rep.u) % n1) * n2 + (n2 - rep.v) % n2] = (r, true)
            sourceTable[rep.u * n2 + rep.v] = (r, false)
        }
        let source = sourceTable
        let e1 = dftMatrix(n1), e2 = dftMatrix(n2)
        let rowsPerChunk = max(1, min(rows, Int(8e6 / Double(32 * n1 * n2 * c))))
        let chunks = (rows + rowsPerChunk - 1) / rowsPerChunk
        let block = 2 * rows * c
        let scale = 1 / Double(n1 * n2)
        let sums = ParallelMap.map(count: chunks, threads: threads) { chunk -> [Double] in
            let a0 = chunk * rowsPerChunk, a1 = min(rows, a0 + rowsPerChunk)
            let cols = (a1 - a0) * c
            var x = [Double](repeating: 0, count: 2 * n1 * n2 * cols)
            for point in 0..<(n1 * n2) {
                let (r, conj) = source[point]
                let src = storage.pointer + r * block + 2 * a0 * c
                for e in 0..<cols {
                    x[2 * (point * cols + e)] = src[2 * e]
                    x[2 * (point * cols + e) + 1] = conj ? -src[2 * e + 1] : src[2 * e + 1]
                }
            }
            var y = [Double](repeating: 0, count: x.count)
            let one: [Double] = [1, 0], zero: [Double] = [0, 0]
            // Along axis 2: for each u, Y[u] = E2 · X[u] (n2 × cols).
            for u in 0..<n1 {
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeMutableBufferPointer { yp in
                        cblas_zgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n2), Int32(cols), Int32(n2), one, e2, Int32(n2),
                            xp.baseAddress! + 2 * u * n2 * cols, Int32(cols), zero, yp.baseAddress! + 2 * u * n2 * cols, Int32(cols))
                    }
                }
            }
            // Along axis 1: for each v, X[:, v] = E1 · Y[:, v] (n1 × cols with leading dimension n2·cols).
            for v in 0..<n2 {
                y.withUnsafeBufferPointer { yp in
                    x.withUnsafeMutableBufferPointer { xp in
                        cblas_zgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n1), Int32(cols), Int32(n1), one, e1, Int32(n1),
                            yp.baseAddress! + 2 * v * cols, Int32(n2 * cols), zero, xp.baseAddress! + 2 * v * cols, Int32(n2 * cols))
                    }
                }
            }
            var result = [Double](repeating: 0, count: a1 - a0)
            for a in 0..<(a1 - a0) {
                var sum = 0.0
                for point in 0..<(n1 * n2) {
                    for b in 0..<c { sum += abs(x[2 * (point * cols + a * c + b)]) }
                }
                result[a] = sum * scale
            }
            return result
        }
        return sums.flatMap { $0 }
    }

    /// The `n × n` inverse-DFT matrix `E[j, k] = e^{+2πi·j·k/n}` (interleaved).
    private func dftMatrix(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: 2 * n * n)
        for j in 0..<n {
            for k in 0..<n {
                let theta = 2 * Double.pi * Double((j * k) % n) / Double(n)
                m[2 * (j * n + k)] = cos(theta)
                m[2 * (j * n + k) + 1] = sin(theta)
            }
        }
        return m
    }
}
