/// Singular values of the spectral density `F(ω)` of a stride-1 kernel at every point of the DFT grid
/// `ω = (2πu/N1, 2πv/N2)` (docs/spectral-methods §2–3): one FFTW pass over the kernel, then one LAPACK SVD
/// per frequency, frequencies spread dynamically over the thread budget. Only half of the grid is
/// decomposed (real kernel: `F(−ω) = conj F(ω)`). A 1×1 kernel has a constant `F`: one real SVD, of `F`
/// without its zero rows and columns (`ConstantSymbolValues`). When only
/// the extremes are wanted (`extremeSingularValues`), most frequencies are settled by a Cholesky test instead
/// of an SVD, with the same result.
///
/// Exact up to rounding (≈ 1e-15 relative to the largest value): these are the singular values of the
/// circular convolution of that kernel on an `N1 × N2` grid.
struct SymbolSampler {
    let kernel: StrideOneKernel
    let grid: Size2D
    let plans: FFTPlanCache
    let threads: ThreadBudget
    /// For a 1×1 kernel: its singular values when already computed (`PointwiseSpectrum`: those of the
    /// kernel without its zero rows and columns), instead of one more decomposition.
    var constantValues: [Double]? = nil
    /// A frequency of the symbol's torus where the largest value probably is (e.g. where the `asymptotic`
    /// search found its maximum): `extremeSingularValues` decomposes the nearest grid point first, so that
    /// the running maximum starts near the final one and fewer frequencies need an SVD. Changes the work,
    /// not the result.
    var hint: Frequency? = nil

    var valuesPerFrequency: Int { min(kernel.outChannels, kernel.inChannels) }

    /// `max_ω σ_max(F(ω))` over the grid: the same number as the largest of `allSingularValues()`.
    func maxSingularValue() -> Double {
        extremeSingularValues(includeMin: false).max
    }

    /// The largest and smallest of `allSingularValues()` (`min` is `.infinity` unless `includeMin`), equal
    /// to them bit for bit, but with an SVD at few frequencies only.
    ///
    /// Each worker visits its frequencies in a scrambled order and keeps the extremes of the SVDs it has
    /// computed. A frequency gets its own SVD (the same `zgesdd` call as `allSingularValues`) only when a
    /// Cholesky test on its Gram matrix (`GramEigenvalueTest`) fails to prove that all its values lie
    /// strictly inside the extremes so far, by a relative margin of 1e-8 on `σ²` plus an allowance for the
    /// rounding of both the test and the SVD. So every skipped frequency provably has SVD values inside the
    /// extremes of the computed ones, and the result is independent of the order and of the thread count.
    /// In a random order the running maximum changes about `ln(count)` times, so a few dozen of the
    /// thousands of frequencies of a large grid need an SVD.
    /// `spectrumBytes`, `slabInputDoubles`: memory limits of the partial spectra (tests use small ones).
    func extremeSingularValues(
        includeMin: Bool, spectrumBytes: Int = Self.spectrumBytes, slabInputDoubles: Int = Self.partialSlabInputDoubles
    ) -> SymbolExtremes {
        if kernel.size == Size2D(1, 1) {
            let s = constantSymbolValues()
            return SymbolExtremes(max: s.first ?? 0, min: includeMin ? (s.last ?? 0) : .infinity, decompositions: 1)
        }
        let half = grid.w / 2 + 1
        let workers = min(threads.threads, grid.h * half)
        if workers > 1 { BLASThreading.useSingleThread() }
        let pool = ExtremeScreenPool(count: workers, rows: kernel.outChannels, cols: kernel.inChannels)
        // The spectrum a few frequency columns at a time (`spectrumBytes`): a 512×2048 polyphase symbol on a
        // 8×8 grid would otherwise hold 168 MB.
        let columnBytes = 16 * min(kernel.size.h, grid.h) * kernel.outChannels * kernel.inChannels
        let width = max(1, min(half, spectrumBytes / max(1, columnBytes)))
        var slabs = stride(from: 0, to: half, by: width).map { $0..<min(half, $0 + width) }
        let hinted = hint.flatMap { Self.gridPoint(nearest: $0, grid: grid) }
        // The slab holding the hint goes first (the extremes do not depend on the order).
        if let (_, v) = hinted, let i = slabs.firstIndex(where: { $0.contains(v) }) { slabs.swapAt(0, i) }
        for (slab, columns) in slabs.enumerated() {
            let spectrum = KernelSpectrum(
                kernel: kernel, grid: grid, plans: plans,
                slabInputDoubles: columns.count < half ? slabInputDoubles : KernelSpectrum.slabInputDoubles,
                columns: columns)
            let count = grid.h * columns.count
            var skipped = -1
            if slab == 0, let (u, v) = hinted {
                // Its SVD first, on worker 0's screen; every worker starts from those extremes.
                skipped = u * columns.count + (v - columns.lowerBound)
                spectrum.write(u: u, v: v, into: pool.screen(0).svd.matrix.base)
                pool.screen(0).visit(includeMin: includeMin)
                pool.shareExtremes(of: 0)
            }
            let order = ScrambledOrder(count: count)
            let batch = max(1, min(64, count / (8 * workers)))
            let skip = skipped
            ConcurrentLoop.forEachBatch(count: count, batch: batch, threads: ThreadBudget(threads: workers)) { worker, range in
                let screen = pool.screen(worker)
                for position in range {
                    let index = order[position]
                    if index == skip { continue }
                    spectrum.write(
                        u: index / columns.count, v: columns.lowerBound + index % columns.count, into: screen.svd.matrix.base)
                    screen.visit(includeMin: includeMin)
                }
            }
        }
        let (high, low) = pool.extremes
        return SymbolExtremes(max: high, min: low, decompositions: pool.decompositions)
    }

    /// The stored grid point `(u, v)` (`v ≤ N2/2`) nearest to `ω` or to `−ω` (the same singular values for a
    /// real kernel); nil when `ω` is not finite.
    static func gridPoint(nearest w: Frequency, grid: Size2D) -> (u: Int, v: Int)? {
        guard w.w1.isFinite, w.w2.isFinite else { return nil }
        func index(_ angle: Double, _ n: Int) -> Int {
            let i = Int((angle / (2 * Double.pi) * Double(n)).rounded()) % n
            return i < 0 ? i + n : i
        }
        let (u, v) = (index(w.w1, grid.h), index(w.w2, grid.w))
        return v <= grid.w / 2 ? (u, v) : ((grid.h - u) % grid.h, grid.w - v)
    }

    /// The `min(rows, cols)` singular values of a 1×1 kernel's constant symbol, descending.
    private func constantSymbolValues() -> [Double] {
        guard let part = constantValues else {
            return ConstantSymbolValues.singularValues(real: kernel.values, rows: kernel.outChannels, cols: kernel.inChannels)
        }
        return ConstantSymbolValues.padded(part, count: min(kernel.outChannels, kernel.inChannels))
    }

    /// Largest spectrum held at once by `extremeSingularValues` (32 MB; at least one frequency column).
    static let spectrumBytes = 1 << 25
    /// Input slab of a partial spectrum's transforms (8 MB), whose scratch output is about as large.
    static let partialSlabInputDoubles = 1 << 20

    /// Every singular value over the full grid (`N1·N2·min(cout, cin)` values, unsorted).
    func allSingularValues() -> [Double] {
        let per = valuesPerFrequency
        if kernel.size == Size2D(1, 1) {
            let s = constantSymbolValues()
            return Array([[Double]](repeating: s, count: grid.product).joined())
        }
        let spectrum = KernelSpectrum(kernel: kernel, grid: grid, plans: plans)
        let half = spectrum.halfWidth
        let stored = grid.h * half
        let out = ScratchArray<Double>(count: stored * per, zero: 0)
        let shared = out.shared
        forEachFrequency(spectrum) { index, workspace in
            (shared.base + index * per).update(from: workspace.values.base, count: per)
        }
        var result: [Double] = []
        result.reserveCapacity(grid.product * per)
        for u in 0..<grid.h {
            for v in 0..<half {
                let slice = UnsafeBufferPointer(start: out.base + (u * half + v) * per, count: per)
                for _ in 0..<spectrum.multiplicity(v: v) { result.append(contentsOf: slice) }
            }
        }
        return result
    }

    /// Runs `body(storedIndex, workspace)` with the singular values of `F` at stored frequency
    /// `storedIndex = u·halfWidth + v` in `workspace.values`.
    private func forEachFrequency(_ spectrum: KernelSpectrum, _ body: @escaping @Sendable (Int, ComplexSVDWorkspace) -> Void) {
        let count = grid.h * spectrum.halfWidth
        let workers = min(threads.threads, count)
        if workers > 1 { BLASThreading.useSingleThread() }
        let pool = WorkspacePool(count: workers, rows: kernel.outChannels, cols: kernel.inChannels)
        let half = spectrum.halfWidth
        let batch = max(1, min(64, count / (8 * workers)))
        ConcurrentLoop.forEachBatch(count: count, batch: batch, threads: ThreadBudget(threads: workers)) { worker, range in
            let ws = pool.workspace(worker)
            for index in range {
                spectrum.write(u: index / half, v: index % half, into: ws.matrix.base)
                ws.compute()
                body(index, ws)
            }
        }
    }
}

/// One `ComplexSVDWorkspace` per worker index. `@unchecked Sendable`: the array is immutable after `init`
/// and worker `w` is the only user of workspace `w` (`ConcurrentLoop.forEachBatch` runs each worker index
/// on one thread).
final class WorkspacePool: @unchecked Sendable {
    private let items: [ComplexSVDWorkspace]

    init(count: Int, rows: Int, cols: Int) {
        items = (0..<max(1, count)).map { _ in ComplexSVDWorkspace(rows: rows, cols: cols) }
    }

    func workspace(_ worker: Int) -> ComplexSVDWorkspace { items[worker] }
}
