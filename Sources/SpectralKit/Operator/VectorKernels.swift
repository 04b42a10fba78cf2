internal import CLAPACK

/// Level-1/2 vector operations of the Lanczos iteration, split over the thread budget when vectors are
/// long (they are memory-bound: two threads read memory faster than one).
///
/// Sums (`norm`, `dot`, the components along a basis) do not depend on the thread count: a vector of at
/// least `parallelThreshold` values is always cut into the same `reductionChunks` pieces, each piece's
/// partial result is computed by one BLAS call whichever thread runs it, and the partials are added in piece
/// order. So the Lanczos iteration — and the `exact` figure — is the same bit for bit on any number of
/// threads (`ExactThreadCountTests`), and a layer may take more threads when they are free.
struct VectorKernels: Sendable {
    let threads: ThreadBudget
    /// Vectors shorter than this stay on one thread, in one BLAS call.
    static let parallelThreshold = 1 << 16
    /// The fixed number of pieces a long vector's sums are split into (at least the largest thread count
    /// that helps a memory-bound loop).
    static let reductionChunks = 8

    /// The threads for a vector of length `n`.
    private func parts(_ n: Int) -> ThreadBudget {
        n >= Self.parallelThreshold ? threads : .serial
    }

    /// The pieces of `0..<n` whose partial sums are added (one piece below `parallelThreshold`).
    private static func pieces(_ n: Int) -> [Range<Int>] {
        ConcurrentLoop.chunks(count: n, parts: n >= parallelThreshold ? reductionChunks : 1)
    }

    /// Runs `body(pieceIndex, piece)` for every piece of `0..<n`, pieces spread over the thread budget.
    private func forEachPiece(_ n: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        let pieces = Self.pieces(n)
        ConcurrentLoop.forEachChunk(count: pieces.count, threads: parts(n)) { _, indices in
            for i in indices { body(i, pieces[i]) }
        }
    }

    /// `‖x‖₂`: the square root of the sum, in piece order, of the pieces' squared norms.
    func norm(_ x: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        if n < Self.parallelThreshold { return cblas_dnrm2(Int32(n), x, 1) }
        let storage = ScratchArray<Double>(count: Self.reductionChunks, zero: 0)
        let partial = storage.shared
        let xs = SharedBuffer(x, count: n)
        forEachPiece(n) { i, r in
            let v = cblas_dnrm2(Int32(r.count), xs.base + r.lowerBound, 1)
            partial[i] = v * v
        }
        var s = 0.0
        for i in 0..<Self.reductionChunks { s += partial[i] }
        withExtendedLifetime(storage) {}
        return s.squareRoot()
    }

    func scale(_ x: UnsafeMutablePointer<Double>, _ n: Int, by a: Double) {
        let xs = SharedBuffer(x, count: n)
        forEachPiece(n) { _, r in
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
        forEachPiece(n) { _, r in
            cblas_daxpy(Int32(r.count), a, xs.base + r.lowerBound, 1, ys.base + r.lowerBound, 1)
        }
    }

    /// `⟨x, y⟩` (pieces added in order).
    func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        if n < Self.parallelThreshold { return cblas_ddot(Int32(n), x, 1, y, 1) }
        let storage = ScratchArray<Double>(count: Self.reductionChunks, zero: 0)
        let partial = storage.shared
        let xs = SharedBuffer(x, count: n), ys = SharedBuffer(y, count: n)
        forEachPiece(n) { i, r in
            partial[i] = cblas_ddot(Int32(r.count), xs.base + r.lowerBound, 1, ys.base + r.lowerBound, 1)
        }
        var s = 0.0
        for i in 0..<Self.reductionChunks { s += partial[i] }
        withExtendedLifetime(storage) {}
        return s
    }

    /// Semi-orthogonalization (Simon's criterion): computes the components of `x` along the `count`
    /// orthonormal rows of `basis` in one pass and removes them only when one exceeds `1e-8·‖x‖` (≈ √ε);
    /// a second pass follows strong cancellation. Bases kept orthogonal to √ε give Ritz values accurate to
    /// rounding, at about half the memory traffic of always subtracting. `coefficients[0..<count]`
    /// receives what was removed (zeros when nothing was).
    func semiOrthogonalize(
        _ x: UnsafeMutablePointer<Double>, _ n: Int, against basis: UnsafeMutablePointer<Double>, count: Int,
        coefficients: inout [Double]
    ) {
        for i in 0..<count { coefficients[i] = 0 }
        guard count > 0 else { return }
        let norm0 = norm(x, n)
        var c = components(x, n, basis, count)
        guard let worst = c.map(abs).max(), worst > 1e-8 * norm0 else { return }
        var previous = norm0
        for pass in 0..<3 {
            if pass > 0 { c = components(x, n, basis, count) }
            subtract(x, n, basis, count, c)
            for i in 0..<count { coefficients[i] += c[i] }
            let after = norm(x, n)
            if after > 0.7 * previous { break }
            previous = after
        }
    }

    /// `basis·x` (one pass over the basis; pieces added in order).
    private func components(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ basis: UnsafeMutablePointer<Double>, _ count: Int) -> [Double] {
        let pieces = Self.pieces(n).count
        let xs = SharedBuffer(x, count: n), bs = SharedBuffer(basis, count: count * n)
        let partial = ScratchArray<Double>(count: pieces * count, zero: 0)
        let ps = partial.shared
        forEachPiece(n) { i, r in
            cblas_dgemv(
                CblasRowMajor, CblasNoTrans, Int32(count), Int32(r.count), 1, bs.base + r.lowerBound, Int32(n),
                xs.base + r.lowerBound, 1, 0, ps.base + i * count, 1)
        }
        var c = [Double](repeating: 0, count: count)
        for t in 0..<pieces {
            for i in 0..<count { c[i] += partial.base[t * count + i] }
        }
        withExtendedLifetime(partial) {}
        return c
    }

    /// `x −= basisᵀ·c` (one pass over the basis).
    private func subtract(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ basis: UnsafeMutablePointer<Double>, _ count: Int, _ c: [Double]) {
        let xs = SharedBuffer(x, count: n), bs = SharedBuffer(basis, count: count * n)
        forEachPiece(n) { _, r in
            c.withUnsafeBufferPointer { cp in
                cblas_dgemv(
                    CblasRowMajor, CblasTrans, Int32(count), Int32(r.count), -1, bs.base + r.lowerBound, Int32(n),
                    cp.baseAddress!, 1, 1, xs.base + r.lowerBound, 1)
            }
        }
    }

    /// `c = basis·x; x −= basisᵀ·c`, returning `c`.
    private func project(_ x: UnsafeMutablePointer<Double>, _ n: Int, _ basis: UnsafeMutablePointer<Double>, _ count: Int) -> [Double] {
        let c = components(x, n, basis, count)
        subtract(x, n, basis, count, c)
        return c
    }
}
