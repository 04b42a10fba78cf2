internal import CLAPACK

/// Level-1/2 vector operations of the Lanczos iteration, split over the thread budget when vectors are
/// long (they are memory-bound: two threads read memory faster than one).
struct VectorKernels: Sendable {
    let threads: ThreadBudget
    /// Vectors shorter than this stay on one thread.
    static let parallelThreshold = 1 << 16

    private func parts(_ n: Int) -> ThreadBudget {
        n >= Self.parallelThreshold ? threads : .serial
    }

    func norm(_ x: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        let budget = parts(n)
        if budget.threads == 1 { return cblas_dnrm2(Int32(n), x, 1) }
        let storage = ScratchArray<Double>(count: budget.threads, zero: 0)
        let partial = storage.shared
        let xs = SharedBuffer(x, count: n)
        ConcurrentLoop.forEachChunk(count: n, threads: budget) { i, r in
            let v = cblas_dnrm2(Int32(r.count), xs.base + r.lowerBound, 1)
            partial[i] = v * v
        }
        var s = 0.0
        for i in 0..<budget.threads { s += partial[i] }
        withExtendedLifetime(storage) {}
        return s.squareRoot()
    }

    func scale(_ x: UnsafeMutablePointer<Double>, _ n: Int, by a: Double) {
        let xs = SharedBuffer(x, count: n)
        ConcurrentLoop.forEachChunk(count: n, threads: parts(n)) { _, r in
            cblas_dscal(Int32(r.count), a, xs.base + r.lowerBound, 1)
        }
    }

    /// Removes from `x` its components along the `count` orthonormal rows of `basis` (row-major, rows of
    /// length `n`); `coefficients[0..<count]` receives the removed components. A second pass runs when the
    /// first cancelled more than 30 % of the norm (Daniel–Gragg–Kaufman–Stewart criterion).
    func orthogonalize(
        _ x: UnsafeMutablePointer<Double>, _ n: Int, against basis: UnsafeMutablePointer<Double>, count: Int,
        coefficients: inout [Double], normBefore: Double, passes: Int = 1
    ) {
        for i in 0..<count { coefficients[i] = 0 }
        guard count > 0 else { return }
        var previous = normBefore
        for pass in 0..<3 {
            let c = project(x, n, basis, count)
            for i in 0..<count { coefficients[i] += c[i] }
            let after = norm(x, n)
            if pass + 1 >= passes && after > 0.7 * previous { break }
            previous = after
        }
    }

    /// `y += a·x`.
    func axpy(_ a: Double, _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        let xs = SharedBuffer(x, count: n), ys = SharedBuffer(y, count: n)
        ConcurrentLoop.forEachChunk(count: n, threads: parts(n)) { _, r in
            cblas_daxpy(Int32(r.count), a, xs.base + r.lowerBound, 1, ys.base + r.lowerBound, 1)
        }
    }

    /// `c = basis·x; x −= basisᵀ·c`, returning `c`.
    private func project(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ basis: UnsafeMutablePointer<Double>, _ count: Int) -> [Double] {
        let budget = parts(n)
        let xs = SharedBuffer(x, count: n), bs = SharedBuffer(basis, count: count * n)
        let partial = ScratchArray<Double>(count: budget.threads * count, zero: 0)
        let ps = partial.shared
        ConcurrentLoop.forEachChunk(count: n, threads: budget) { i, r in
            cblas_dgemv(
                CblasRowMajor, CblasNoTrans, Int32(count), Int32(r.count), 1, bs.base + r.lowerBound, Int32(n),
                xs.base + r.lowerBound, 1, 0, ps.base + i * count, 1)
        }
        var c = [Double](repeating: 0, count: count)
        for t in 0..<budget.threads {
            for i in 0..<count { c[i] += partial.base[t * count + i] }
        }
        withExtendedLifetime(partial) {}
        let cs = c
        ConcurrentLoop.forEachChunk(count: n, threads: budget) { _, r in
            cs.withUnsafeBufferPointer { cp in
                cblas_dgemv(
                    CblasRowMajor, CblasTrans, Int32(count), Int32(r.count), -1, bs.base + r.lowerBound, Int32(n),
                    cp.baseAddress!, 1, 1, xs.base + r.lowerBound, 1)
            }
        }
        return c
    }
}
