internal import CLAPACK

/// Largest singular values of a `LinearOperator` by block Golub–Kahan–Lanczos bidiagonalization (band
/// form, `blockSize` start vectors) with full reorthogonalization of both Krylov bases (classical
/// Gram–Schmidt, repeated when cancellation is detected) and thick restarts that keep the best Ritz
/// vectors (docs/spectral-methods §4). Small operators are formed explicitly and decomposed by LAPACK.
///
/// Guarantees: every Ritz value is ≤ the singular value of the same rank (they come from a compression of
/// the operator); `LanczosResult.lower` is an attained `‖Ax‖/‖x‖`, hence a certified lower bound. The
/// reported values are exact to the requested relative tolerance when `converged` (residual-based
/// estimate). Deterministic: seeded start vectors.
public enum GolubKahanLanczos {
    /// The `k` largest singular values of `op` (fewer if `min(rows, cols) < k`).
    public static func topSingularValues(
        of op: some LinearOperator, k: Int = 1, options: LanczosOptions = LanczosOptions()
    ) -> LanczosResult {
        precondition(k >= 1)
        let n = op.cols, m = op.rows
        let rank = min(n, m)
        let wanted = min(k, rank)
        let b = options.blockSize
        let memoryBasis = options.memoryLimit / max(1, 8 * (n + m)) - 2 * b
        let basis = max(wanted + 2 * b + 4, min(options.basisSize, memoryBasis))
        if rank <= max(options.denseLimit, basis + 2 * b) {
            return explicitSVD(of: op, k: wanted)
        }
        var state = KrylovState(op: op, basis: basis, block: b, seed: options.seed, threads: options.threads)
        let keep = max(wanted + 2, basis / 3)
        while true {
            state.step()
            let s = state.j + 1
            let ritz = state.ritz(size: s)
            let errors = Self.errorEstimates(ritz.values, ritz.residuals, count: min(wanted, s))
            let top = ritz.values[0]
            let done = errors.count == wanted && errors.allSatisfy { $0 <= options.tolerance * top }
            if done || state.iterations >= options.maxIterations {
                let lower = state.attainedRatio(ritz, size: s)
                return LanczosResult(
                    values: Array(ritz.values.prefix(wanted)), errorEstimates: errors, lower: lower,
                    iterations: state.iterations, converged: done)
            }
            if s < basis {
                state.j += 1
            } else {
                state.restart(ritz, size: s, keep: keep)
            }
        }
    }

    /// Cluster-robust residual estimates: for Ritz value `i`,
    /// `min(r_i, min_{c ≥ i} (Σ_{l ≤ c} r_l²) / (θ_c − θ_{c+1} − r_{c+1}))` — the quadratic (Kato–Temple type)
    /// bound for the top `c` Ritz values as a block, with the gap to the rest estimated by the next Ritz value
    /// plus its residual. Taking the best `c` keeps the estimate useful when the top values come in nearly
    /// degenerate pairs (as they do for convolutions), where the gap to the very next value is tiny.
    static func errorEstimates(_ theta: [Double], _ res: [Double], count: Int) -> [Double] {
        var cumulative = [Double](repeating: 0, count: theta.count)
        var sum = 0.0
        for l in 0..<theta.count {
            sum += res[l] * res[l]
            cumulative[l] = sum
        }
        return (0..<count).map { i in
            var best = res[i]
            var c = i
            while c + 1 < theta.count {
                let gap = theta[c] - theta[c + 1] - res[c + 1]
                if gap > 0 { best = min(best, cumulative[c] / gap) }
                c += 1
            }
            return best
        }
    }

    /// Forms the operator's matrix by applying it (or its adjoint) to unit vectors of the smaller side and
    /// takes LAPACK's singular values: exact to rounding.
    static func explicitSVD(of op: some LinearOperator, k: Int) -> LanczosResult {
        let n = op.cols, m = op.rows
        let byColumns = n <= m
        let count = byColumns ? n : m, length = byColumns ? m : n
        var matrix = [Double](repeating: 0, count: count * length)  // row-major count × length
        var unit = [Double](repeating: 0, count: count)
        var best = 0.0
        matrix.withUnsafeMutableBufferPointer { mp in
            unit.withUnsafeMutableBufferPointer { e in
                for i in 0..<count {
                    e[i] = 1
                    let row = mp.baseAddress! + i * length
                    if byColumns { op.apply(e.baseAddress!, into: row) } else { op.applyAdjoint(e.baseAddress!, into: row) }
                    e[i] = 0
                    best = max(best, cblas_dnrm2(Int32(length), row, 1))
                }
            }
        }
        // Thin SVD M = P Σ Qᵀ of the count × length matrix M (M = Aᵀ when built from columns, else A).
        var s = [Double](repeating: 0, count: count)
        var p = [Double](repeating: 0, count: count * count)
        var qt = [Double](repeating: 0, count: count * length)
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(count), Int32(length), &matrix, Int32(length), &s, &p,
            Int32(count), &qt, Int32(length))
        precondition(info == 0, "dgesdd failed with info \(info)")
        // Top right singular vector of A: column 0 of P (A = Q Σ Pᵀ) or row 0 of Qᵀ.
        let x = byColumns ? (0..<count).map { p[$0 * count] } : Array(qt[0..<length])
        let y = op.apply(x)
        let xn = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let attained = xn > 0 ? (y.reduce(0) { $0 + $1 * $1 }.squareRoot() / xn) : 0
        let values = s
        // The attained ratio ‖Ax‖/‖x‖ is a certified lower bound.
        return LanczosResult(
            values: Array(values.prefix(k)), errorEstimates: [Double](repeating: 0, count: min(k, values.count)),
            lower: max(best, attained), iterations: count + 1, converged: true)
    }
}

/// Ritz values of the projected band matrix with its singular vectors and residual norms.
struct RitzData {
    let values: [Double]
    let residuals: [Double]
    let u: [Double]
    let vt: [Double]
}

/// The bases and band matrix of the block Golub–Kahan process:
/// `A v_i = Σ_{l ≤ i} B[l][i] u_l` and `Aᵀ u_j = Σ_{i ≤ j + b} B[j][i] v_i`, with `B` upper triangular of
/// bandwidth `b` (plus the arrow of kept Ritz pairs after a restart).
struct KrylovState<Op: LinearOperator> {
    let op: Op
    let n: Int, m: Int, basis: Int, block: Int
    let ld: Int
    let V: ScratchArray<Double>
    let U: ScratchArray<Double>
    var B: [Double]
    var j = 0
    var iterations = 0
    var normEstimate = 0.0
    var rng: SplitMix64
    let vectors: VectorKernels
    var coefficients: [Double]

    init(op: Op, basis: Int, block: Int, seed: UInt64, threads: ThreadBudget) {
        self.op = op
        n = op.cols
        m = op.rows
        self.basis = basis
        self.block = block
        ld = basis + block
        V = ScratchArray(count: (basis + block) * op.cols, zero: 0)
        U = ScratchArray(count: basis * op.rows, zero: 0)
        B = [Double](repeating: 0, count: (basis + block) * (basis + block))
        rng = SplitMix64(seed: seed)
        vectors = VectorKernels(threads: threads)
        coefficients = [Double](repeating: 0, count: basis + block)
        for i in 0..<block { randomOrthonormal(V.base, n, row: i) }
    }

    /// Fills row `row` of a basis with a random unit vector orthogonal to the rows before it.
    mutating func randomOrthonormal(_ base: UnsafeMutablePointer<Double>, _ len: Int, row: Int) {
        let x = base + row * len
        for _ in 0..<3 {
            for i in 0..<len { x[i] = rng.symmetricUnit() }
            let before = vectors.norm(x, len)
            vectors.orthogonalize(x, len, against: base, count: row, coefficients: &coefficients, normBefore: before, passes: 2)
            let after = vectors.norm(x, len)
            if after > 1e-3 * before {
                vectors.scale(x, len, by: 1 / after)
                return
            }
        }
        fatalError("no vector orthogonal to a \(row)-dimensional basis in dimension \(len)")
    }

    /// One step: `u_j` from `A v_j`, then `v_{j+b}` from `Aᵀ u_j`.
    mutating func step() {
        let w = U.base + j * m
        op.apply(V.base + j * n, into: w)
        iterations += 1
        let raw = vectors.norm(w, m)
        normEstimate = max(normEstimate, raw)
        for l in 0..<j where B[l * ld + j] != 0 {
            vectors.axpy(-B[l * ld + j], U.base + l * m, w, m)
        }
        let before = vectors.norm(w, m)
        vectors.orthogonalize(w, m, against: U.base, count: j, coefficients: &coefficients, normBefore: before)
        for l in 0..<j { B[l * ld + j] += coefficients[l] }
        let alpha = vectors.norm(w, m)
        if alpha <= 1e-13 * normEstimate {
            // A v_j lies in span(U): continue with any new direction (exact relation, B[j][j] = 0).
            randomOrthonormal(U.base, m, row: j)
            B[j * ld + j] = 0
        } else {
            vectors.scale(w, m, by: 1 / alpha)
            B[j * ld + j] = alpha
        }
        let next = j + block
        let z = V.base + next * n
        op.applyAdjoint(w, into: z)
        let zRaw = vectors.norm(z, n)
        normEstimate = max(normEstimate, zRaw)
        if B[j * ld + j] != 0 { vectors.axpy(-B[j * ld + j], V.base + j * n, z, n) }
        let zBefore = vectors.norm(z, n)
        vectors.orthogonalize(z, n, against: V.base, count: next, coefficients: &coefficients, normBefore: zBefore)
        for l in (j + 1)..<next { B[j * ld + l] = coefficients[l] }
        let beta = vectors.norm(z, n)
        if beta <= 1e-13 * normEstimate {
            randomOrthonormal(V.base, n, row: next)
            B[j * ld + next] = 0
        } else {
            vectors.scale(z, n, by: 1 / beta)
            B[j * ld + next] = beta
        }
    }

    /// SVD of the leading `s × s` block and the residual norms `‖B[0..<s][s..<s+b]ᵀ p_i‖`.
    func ritz(size s: Int) -> RitzData {
        let svd = SmallSVD(B, ld: ld, rows: s, cols: s)
        var residuals = [Double](repeating: 0, count: s)
        for i in 0..<s {
            var sum = 0.0
            for c in s..<(s + block) {
                var t = 0.0
                for l in 0..<s { t += svd.u[l * s + i] * B[l * ld + c] }
                sum += t * t
            }
            residuals[i] = sum.squareRoot()
        }
        return RitzData(values: svd.values, residuals: residuals, u: svd.u, vt: svd.vt)
    }

    /// `‖A x‖/‖x‖` for the top Ritz vector `x = Σ_l q₁[l] v_l`, recomputed (a certified lower bound).
    func attainedRatio(_ ritz: RitzData, size s: Int) -> Double {
        let x = ScratchArray<Double>(count: n, zero: 0)
        let y = ScratchArray<Double>(count: m, zero: 0)
        ritz.vt.withUnsafeBufferPointer { q in
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(s), Int32(n), 1, V.base, Int32(n), q.baseAddress!, 1, 0, x.base, 1)
        }
        op.apply(x.base, into: y.base)
        let xn = vectors.norm(x.base, n)
        return xn > 0 ? vectors.norm(y.base, m) / xn : 0
    }

    /// Thick restart: keeps the top `keep` Ritz pairs and the `b` newest right vectors.
    mutating func restart(_ ritz: RitzData, size s: Int, keep: Int) {
        let tmp = ScratchArray<Double>(count: keep * max(n, m), zero: 0)
        ritz.vt.withUnsafeBufferPointer { q in
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(keep), Int32(n), Int32(s), 1, q.baseAddress!,
                Int32(s), V.base, Int32(n), 0, tmp.base, Int32(n))
        }
        V.base.update(from: tmp.base, count: keep * n)
        for c in 0..<block { (V.base + (keep + c) * n).update(from: V.base + (s + c) * n, count: n) }
        ritz.u.withUnsafeBufferPointer { p in
            cblas_dgemm(
                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(keep), Int32(m), Int32(s), 1, p.baseAddress!,
                Int32(s), U.base, Int32(m), 0, tmp.base, Int32(m))
        }
        U.base.update(from: tmp.base, count: keep * m)
        var fresh = [Double](repeating: 0, count: ld * ld)
        for i in 0..<keep {
            fresh[i * ld + i] = ritz.values[i]
            for c in 0..<block {
                var t = 0.0
                for l in 0..<s { t += ritz.u[l * s + i] * B[l * ld + s + c] }
                fresh[i * ld + keep + c] = t
            }
        }
        B = fresh
        j = keep
    }
}

/// Full SVD of a small dense block (row-major `rows × cols` taken from a matrix with leading dimension
/// `ld`): values descending, `u` (`rows × rows`) and `vt` (`cols × cols`), both row-major.
struct SmallSVD {
    let values: [Double]
    let u: [Double]
    let vt: [Double]

    init(_ matrix: [Double], ld: Int, rows: Int, cols: Int) {
        var a = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for j in 0..<cols { a[i * cols + j] = matrix[i * ld + j] }
        }
        var s = [Double](repeating: 0, count: min(rows, cols))
        var u = [Double](repeating: 0, count: rows * rows)
        var vt = [Double](repeating: 0, count: cols * cols)
        let info = LAPACKE_dgesdd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "A")), Int32(rows), Int32(cols), &a, Int32(cols), &s, &u,
            Int32(rows), &vt, Int32(cols))
        precondition(info == 0, "dgesdd failed with info \(info)")
        values = s
        self.u = u
        self.vt = vt
    }
}
