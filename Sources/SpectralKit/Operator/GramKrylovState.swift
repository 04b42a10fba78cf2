internal import CLAPACK

/// Ritz data of the projected Gram matrix: eigenvalues (descending, `σ²` units), residual norms, and the
/// eigenvectors `y_i` (row-major `s × s`: `vectors[l·s + i]` is component `l` of `y_i`).
struct GramRitz {
    let values: [Double]
    let residuals: [Double]
    let vectors: [Double]
}

/// Golub–Kahan–Lanczos in its one-sided form: block Lanczos (band form, `block` start vectors) on the Gram
/// operator of the *smaller* side, `G = AᵀA` when `cols ≤ rows`, else `AAᵀ`, applied as `Aᵀ(A q)` (or
/// `A(Aᵀ q)`): one application of `A` and one of `Aᵀ` per step, exactly like the bidiagonalization, and the
/// same Krylov space as its right (left) vectors — but only that one basis is stored and reorthogonalized.
/// `G q_j = Σ_l H[l][j] q_l` with `H` symmetric of bandwidth `block` (plus the arrow of kept Ritz pairs
/// after a restart); the eigenvalues of `H` are squared Ritz singular values.
struct GramKrylovState<Op: LinearOperator> {
    let op: Op
    /// Dimension of the Gram side and of the other side.
    let d: Int, other: Int
    /// Whether the Gram side is the input side (`G = AᵀA`).
    let inputSide: Bool
    let basis: Int, block: Int
    let ld: Int
    let Q: ScratchArray<Double>
    let work: ScratchArray<Double>
    let restartScratch: ScratchArray<Double>
    var H: [Double]
    var j = 0
    var iterations = 0
    var normEstimate = 0.0
    var rng: SplitMix64
    let vectors: VectorKernels
    var coefficients: [Double]

    /// `start`: up to `block` start vectors of the Gram side (length `d`); each is mixed with a random unit
    /// vector of relative weight `randomWeight` (see `GolubKahanLanczos.startRandomWeight`), the rest of the
    /// block is random.
    init(
        op: Op, basis: Int, block: Int, keep: Int, seed: UInt64, threads: ThreadBudget, start: [[Double]] = [],
        randomWeight: Double = 1
    ) {
        self.op = op
        inputSide = op.cols <= op.rows
        d = min(op.cols, op.rows)
        other = max(op.cols, op.rows)
        self.basis = basis
        self.block = block
        ld = basis + block
        Q = ScratchArray(count: (basis + block) * d, zero: 0)
        work = ScratchArray(count: other, zero: 0)
        restartScratch = ScratchArray(count: keep * min(d, Self.restartColumns), zero: 0)
        H = [Double](repeating: 0, count: ld * ld)
        rng = SplitMix64(seed: seed)
        vectors = VectorKernels(threads: threads)
        coefficients = [Double](repeating: 0, count: ld)
        for i in 0..<block {
            if i < start.count {
                startOrthonormal(row: i, start[i], randomWeight: randomWeight)
            } else {
                randomOrthonormal(row: i)
            }
        }
    }

    /// Fills row `row` with `s/‖s‖ + η·r/‖r‖` (`r` random, `η = randomWeight`) orthonormalized against the
    /// rows before it; a random row when that leaves (almost) nothing.
    mutating func startOrthonormal(row: Int, _ s: [Double], randomWeight eta: Double) {
        precondition(s.count == d)
        let x = Q.base + row * d
        for i in 0..<d { x[i] = rng.symmetricUnit() }
        let rn = vectors.norm(x, d)
        let sn = s.withUnsafeBufferPointer { cblas_dnrm2(Int32(d), $0.baseAddress!, 1) }
        guard sn > 0, sn.isFinite, rn > 0 else { return randomOrthonormal(row: row) }
        for i in 0..<d { x[i] = s[i] / sn + eta * x[i] / rn }
        let before = vectors.norm(x, d)
        vectors.orthogonalize(x, d, against: Q.base, count: row, coefficients: &coefficients, normBefore: before, passes: 2)
        let after = vectors.norm(x, d)
        guard after > 1e-3 * before else { return randomOrthonormal(row: row) }
        vectors.scale(x, d, by: 1 / after)
    }

    /// `y = G x` (both of length `d`).
    func applyGram(_ x: UnsafeMutablePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        if inputSide {
            op.apply(x, into: work.base)
            op.applyAdjoint(work.base, into: y)
        } else {
            op.applyAdjoint(x, into: work.base)
            op.apply(work.base, into: y)
        }
    }

    /// Fills row `row` of the basis with a random unit vector orthogonal to the rows before it.
    mutating func randomOrthonormal(row: Int) {
        let x = Q.base + row * d
        for _ in 0..<3 {
            for i in 0..<d { x[i] = rng.symmetricUnit() }
            let before = vectors.norm(x, d)
            vectors.orthogonalize(x, d, against: Q.base, count: row, coefficients: &coefficients, normBefore: before, passes: 2)
            let after = vectors.norm(x, d)
            if after > 1e-3 * before {
                vectors.scale(x, d, by: 1 / after)
                return
            }
        }
        fatalError("no vector orthogonal to a \(row)-dimensional basis in dimension \(d)")
    }

    /// One step: `q_{j+b}` from `G q_j`.
    mutating func step() {
        let next = j + block
        let w = Q.base + next * d
        applyGram(Q.base + j * d, into: w)
        iterations += 1
        normEstimate = max(normEstimate, vectors.norm(w, d))
        // Known coefficients (band and restart arrow, by symmetry).
        for l in 0..<j where H[l * ld + j] != 0 {
            vectors.axpy(-H[l * ld + j], Q.base + l * d, w, d)
        }
        // New coefficients: the diagonal and the band against the newest vectors.
        for l in j..<next {
            let c = vectors.dot(Q.base + l * d, w, d)
            vectors.axpy(-c, Q.base + l * d, w, d)
            H[j * ld + l] = c
            H[l * ld + j] = c
        }
        vectors.semiOrthogonalize(w, d, against: Q.base, count: next, coefficients: &coefficients)
        for l in j..<next {
            H[j * ld + l] += coefficients[l]
            if l != j { H[l * ld + j] = H[j * ld + l] }
        }
        let beta = vectors.norm(w, d)
        if beta <= 1e-13 * normEstimate {
            // G q_j lies in the current span: continue with any new direction (exact relation, H = 0 there).
            randomOrthonormal(row: next)
            H[j * ld + next] = 0
            H[next * ld + j] = 0
        } else {
            vectors.scale(w, d, by: 1 / beta)
            H[j * ld + next] = beta
            H[next * ld + j] = beta
        }
    }

    /// Eigen-decomposition of the leading `s × s` block and the residual norms `‖H[s..<s+b][0..<s]·y_i‖`.
    func ritz(size s: Int) -> GramRitz {
        var a = [Double](repeating: 0, count: s * s)
        for r in 0..<s {
            for c in 0..<s { a[r * s + c] = H[r * ld + c] }
        }
        var w = [Double](repeating: 0, count: s)
        let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(s), &a, Int32(s), &w)
        precondition(info == 0, "dsyevd failed with info \(info)")
        // Descending order.
        var values = [Double](repeating: 0, count: s)
        var y = [Double](repeating: 0, count: s * s)
        for i in 0..<s {
            values[i] = w[s - 1 - i]
            for l in 0..<s { y[l * s + i] = a[l * s + (s - 1 - i)] }
        }
        var residuals = [Double](repeating: 0, count: s)
        for i in 0..<s {
            var sum = 0.0
            for c in s..<(s + block) {
                var t = 0.0
                for l in 0..<s { t += H[c * ld + l] * y[l * s + i] }
                sum += t * t
            }
            residuals[i] = sum.squareRoot()
        }
        return GramRitz(values: values, residuals: residuals, vectors: y)
    }

    /// `‖A x‖/‖x‖` (or `‖Aᵀ x‖/‖x‖` on the output side) for the top Ritz vector, recomputed: an attained
    /// ratio of `A` or `Aᵀ`, hence a certified lower bound on `‖A‖₂`.
    func attainedRatio(_ ritz: GramRitz, size s: Int) -> Double {
        let x = ScratchArray<Double>(count: d, zero: 0)
        var y0 = [Double](repeating: 0, count: s)
        for l in 0..<s { y0[l] = ritz.vectors[l * s] }
        y0.withUnsafeBufferPointer { q in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(s), Int32(d), 1, Q.base, Int32(d), q.baseAddress!, 1, 0, x.base, 1)
        }
        if inputSide { op.apply(x.base, into: work.base) } else { op.applyAdjoint(x.base, into: work.base) }
        let xn = vectors.norm(x.base, d)
        return xn > 0 ? vectors.norm(work.base, other) / xn : 0
    }

    /// Columns of the basis combined at a time by `restart` (its scratch holds `keep` of these rows).
    static var restartColumns: Int { 4096 }

    /// Thick restart: keeps the top `keep` Ritz vectors and the `b` newest basis vectors.
    ///
    /// The Ritz vectors `Qᵀ Y` are formed in place, `restartColumns` columns of the basis at a time (each
    /// column block of the result depends on the same column block of `Q` only), so the scratch is
    /// `keep × restartColumns` instead of a second `keep × d` basis.
    mutating func restart(_ ritz: GramRitz, size s: Int, keep: Int) {
        let tmp = restartScratch
        let d = d
        ritz.vectors.withUnsafeBufferPointer { y in
            for first in stride(from: 0, to: d, by: Self.restartColumns) {
                let width = min(Self.restartColumns, d - first)
                cblas_dgemm(
                    CblasRowMajor, CblasTrans, CblasNoTrans, Int32(keep), Int32(width), Int32(s), 1, y.baseAddress!,
                    Int32(s), Q.base + first, Int32(d), 0, tmp.base, Int32(width))
                for i in 0..<keep {
                    (Q.base + i * d + first).update(from: tmp.base + i * width, count: width)
                }
            }
        }
        for c in 0..<block { (Q.base + (keep + c) * d).update(from: Q.base + (s + c) * d, count: d) }
        var fresh = [Double](repeating: 0, count: ld * ld)
        for i in 0..<keep {
            fresh[i * ld + i] = ritz.values[i]
            for c in 0..<block {
                var t = 0.0
                for l in 0..<s { t += ritz.vectors[l * s + i] * H[l * ld + s + c] }
                fresh[i * ld + keep + c] = t
                fresh[(keep + c) * ld + i] = t
            }
        }
        H = fresh
        j = keep
    }
}
