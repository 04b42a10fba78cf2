import Foundation
@testable import SpectralKit
import Testing
import TestSupport

/// `SmallHermitianTopEigenvalue` (the small-block point enclosure of the `asymptotic` search) against a dense
/// double oracle: the largest singular value (`dgesdd`) of the real symmetric `2n × 2n` embedding
/// `[[A, −B], [B, A]]` of `M = A + iB`, whose eigenvalues are those of `M`, each twice.
@Suite struct SmallHermitianTopEigenvalueTests {
    /// A Hermitian PSD test matrix: full (row-major, interleaved), its top eigenvalue by the oracle and the
    /// top eigenvector (`n` complex) by the oracle's singular vector.
    struct Case {
        var n: Int
        var full: [Double]
        var top: Double
        var eigenvector: [Double]
    }

    /// `M = Σ_i λ_i q_i q_iᴴ` with orthonormal `q_i` (Gram–Schmidt of Gaussian vectors).
    static func matrix(n: Int, eigenvalues lambda: [Double], rng: inout SeededGenerator) -> Case {
        var q = [[Double]]()
        for _ in 0..<lambda.count {
            var v = rng.normals(2 * n)
            for _ in 0..<2 {
                for p in q {  // v −= (pᴴv) p
                    var (re, im) = (0.0, 0.0)
                    for i in 0..<n {
                        re += p[2 * i] * v[2 * i] + p[2 * i + 1] * v[2 * i + 1]
                        im += p[2 * i] * v[2 * i + 1] - p[2 * i + 1] * v[2 * i]
                    }
                    for i in 0..<n {
                        v[2 * i] -= re * p[2 * i] - im * p[2 * i + 1]
                        v[2 * i + 1] -= re * p[2 * i + 1] + im * p[2 * i]
                    }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            q.append(v.map { $0 / norm })
        }
        var full = [Double](repeating: 0, count: 2 * n * n)
        for (l, p) in zip(lambda, q) {
            for i in 0..<n {
                for j in 0..<n {  // λ p_i conj(p_j)
                    full[2 * (i * n + j)] += l * (p[2 * i] * p[2 * j] + p[2 * i + 1] * p[2 * j + 1])
                    full[2 * (i * n + j) + 1] += l * (p[2 * i + 1] * p[2 * j] - p[2 * i] * p[2 * j + 1])
                }
            }
        }
        return oracle(n: n, full: full)
    }

    /// `M = B Bᴴ` with `B` Gaussian `n × rank`.
    static func gram(n: Int, rank: Int, rng: inout SeededGenerator) -> Case {
        let b = rng.normals(2 * n * rank)
        var full = [Double](repeating: 0, count: 2 * n * n)
        for i in 0..<n {
            for j in 0..<n {
                for r in 0..<rank {
                    let (ar, ai) = (b[2 * (i * rank + r)], b[2 * (i * rank + r) + 1])
                    let (br, bi) = (b[2 * (j * rank + r)], b[2 * (j * rank + r) + 1])
                    full[2 * (i * n + j)] += ar * br + ai * bi
                    full[2 * (i * n + j) + 1] += ai * br - ar * bi
                }
            }
        }
        return oracle(n: n, full: full)
    }

    static func oracle(n: Int, full: [Double]) -> Case {
        let m = ComplexRealEmbedding.matrix(complex: full, rows: n, cols: n)
        let top = DenseOperator.norm(m)
        let z = DenseOperator.rightSingularVectors(m, count: 1)[0]  // [x; y] ↔ x + iy
        var vector = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            vector[2 * i] = z[i]
            vector[2 * i + 1] = z[n + i]
        }
        return Case(n: n, full: full, top: top, eigenvector: vector)
    }

    /// The routine's input: the row-major upper triangle (the lower part holds garbage it must not read).
    static func upper(_ c: Case) -> [Double] {
        var m = c.full
        for i in 0..<c.n { for j in 0..<i { m[2 * (i * c.n + j)] = .nan; m[2 * (i * c.n + j) + 1] = .nan } }
        return m
    }

    static func enclose(_ c: Case, eta: Double, start: [Double]?) -> (lower: Double, upper: Double, vector: [Double]) {
        let m = upper(c)
        var workspace = SmallHermitianTopEigenvalue.Workspace(n: c.n)
        var vector = [Double](repeating: 0, count: 2 * c.n)
        let e = m.withUnsafeBufferPointer { mb in
            vector.withUnsafeMutableBufferPointer { vb in
                if let start {
                    return start.withUnsafeBufferPointer { sb in
                        SmallHermitianTopEigenvalue.enclose(
                            mb.baseAddress!, n: c.n, relativeWidth: eta, start: sb.baseAddress!, vector: vb.baseAddress!,
                            workspace: &workspace)
                    }
                }
                return SmallHermitianTopEigenvalue.enclose(
                    mb.baseAddress!, n: c.n, relativeWidth: eta, start: nil, vector: vb.baseAddress!, workspace: &workspace)
            }
        }
        return (e.lower, e.upper, vector)
    }

    /// `|⟨a, b⟩|` for unit complex vectors.
    static func overlap(_ a: [Double], _ b: [Double]) -> Double {
        var (re, im) = (0.0, 0.0)
        for i in 0..<(a.count / 2) {
            re += a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1]
            im += a[2 * i] * b[2 * i + 1] - a[2 * i + 1] * b[2 * i]
        }
        return (re * re + im * im).squareRoot()
    }

    /// A vector orthogonal to `q` (unit): Gaussian minus its component along `q`.
    static func orthogonal(to q: [Double], rng: inout SeededGenerator) -> [Double] {
        var v = rng.normals(q.count)
        var (re, im) = (0.0, 0.0)
        for i in 0..<(q.count / 2) {
            re += q[2 * i] * v[2 * i] + q[2 * i + 1] * v[2 * i + 1]
            im += q[2 * i] * v[2 * i + 1] - q[2 * i + 1] * v[2 * i]
        }
        for i in 0..<(q.count / 2) {
            v[2 * i] -= re * q[2 * i] - im * q[2 * i + 1]
            v[2 * i + 1] -= re * q[2 * i + 1] + im * q[2 * i]
        }
        return v
    }

    static func check(_ c: Case, eta: Double, start: [Double]?, _ label: String) {
        let e = enclose(c, eta: eta, start: start)
        // The oracle's own rounding is a few ulps of ‖M‖; 1e-12 relative covers it.
        #expect(e.lower <= c.top * (1 + 1e-12), "\(label): lower \(e.lower) > \(c.top)")
        #expect(c.top <= e.upper * (1 + 1e-12), "\(label): upper \(e.upper) < \(c.top)")
        if c.top > 0 { #expect(e.upper / e.lower - 1 <= eta * 1.0001, "\(label): width \(e.upper / e.lower - 1)") }
    }

    @Test func randomGramMatricesFromEveryKindOfStart() {
        let trials = heavyTests ? 150 : 14
        for trial in 0..<trials {
            var rng = SeededGenerator(seed: UInt64(7000 + trial))
            let n = [16, 24, 31, 64, 100, 128, 159][trial % 7]
            let rank = trial % 4 == 3 ? max(2, n / 8) : n  // some rank-deficient
            let c = Self.gram(n: n, rank: rank, rng: &rng)
            let eta = trial % 2 == 0 ? 1.25e-4 : 1e-3
            Self.check(c, eta: eta, start: nil, "trial \(trial) n \(n) generic start")
            Self.check(c, eta: eta, start: rng.normals(2 * n), "trial \(trial) n \(n) random start")
            Self.check(c, eta: eta, start: c.eigenvector, "trial \(trial) n \(n) exact start")
            Self.check(c, eta: eta, start: Self.orthogonal(to: c.eigenvector, rng: &rng), "trial \(trial) n \(n) orthogonal start")
            // A start near the eigenvector (as from a neighbouring point) yields a vector at least as close.
            let near = zip(c.eigenvector, rng.normals(2 * n)).map { $0 + 0.02 * $1 / Double(n).squareRoot() }
            let e = Self.enclose(c, eta: eta, start: near)
            #expect(Self.overlap(e.vector, c.eigenvector) >= 0.99, "trial \(trial): overlap \(Self.overlap(e.vector, c.eigenvector))")
        }
    }

    @Test func clusteredTopEigenvaluesAndOrthogonalStarts() {
        for trial in 0..<(heavyTests ? 60 : 8) {
            var rng = SeededGenerator(seed: UInt64(9100 + trial))
            let n = [16, 32, 64, 128][trial % 4]
            // Top three within 1e-6 … 1e-5 (clustered), or one isolated top (a start orthogonal to it leaves Lanczos
            // stuck at the second eigenvalue until the generic component surfaces: the Cholesky test must fail and
            // the fallback decide).
            let spread: [Double] = trial % 2 == 0 ? [1, 1 - 1e-6, 1 - 1e-5] : [1, 0.5]
            let rest = (0..<(n / 2)).map { _ in Double.random(in: 0..<0.45, using: &rng) }
            let c = Self.matrix(n: n, eigenvalues: spread + rest, rng: &rng)
            #expect(abs(c.top - 1) < 1e-12)
            for eta in [1.25e-4, 1e-6] {
                Self.check(c, eta: eta, start: nil, "trial \(trial) generic")
                Self.check(c, eta: eta, start: c.eigenvector, "trial \(trial) exact")
                Self.check(c, eta: eta, start: Self.orthogonal(to: c.eigenvector, rng: &rng), "trial \(trial) orthogonal")
            }
        }
    }

    @Test func zeroAndRankOneMatrices() {
        var rng = SeededGenerator(seed: 42)
        let zero = Self.Case(n: 40, full: [Double](repeating: 0, count: 2 * 40 * 40), top: 0, eigenvector: [])
        let e = Self.enclose(zero, eta: 1e-4, start: nil)
        #expect(e.lower == 0 && e.upper >= 0 && e.upper < 1e-300)
        let one = Self.gram(n: 48, rank: 1, rng: &rng)
        Self.check(one, eta: 1e-4, start: nil, "rank one")
        Self.check(one, eta: 1e-4, start: Self.orthogonal(to: one.eigenvector, rng: &rng), "rank one orthogonal")
    }
}

extension SmallHermitianTopEigenvalueTests {
    /// The bisection behind the Lanczos stopping rule against the real embedding oracle on random tridiagonals.
    @Test func largestRitzValueMatchesTheDenseTridiagonal() {
        var rng = SeededGenerator(seed: 5)
        for k in [1, 2, 3, 7, 12, 30, 48] {
            let alpha = rng.normals(k).map { 10 + $0 }
            let beta = rng.normals(k).map { k % 2 == 0 ? $0 : $0 * 1e-9 }
            var dense = [Double](repeating: 0, count: k * k)
            for i in 0..<k {
                dense[i * k + i] = alpha[i] + 100  // shifted to positive definite: singular values = eigenvalues
                if i + 1 < k { dense[i * k + i + 1] = beta[i]; dense[(i + 1) * k + i] = beta[i] }
            }
            let top = DenseOperator.norm(DenseOperator.Matrix(values: dense, rows: k, cols: k)) - 100
            let value = SmallHermitianTopEigenvalue.largestRitzValue(alpha, beta)
            #expect(abs(value - top) <= 1e-10 * abs(top), "k \(k): \(value) vs \(top)")
        }
    }
}
