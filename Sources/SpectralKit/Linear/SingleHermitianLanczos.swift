internal import CLAPACK

/// An approximate top eigenvector of a Hermitian positive semidefinite matrix held in single precision, by
/// Lanczos with full reorthogonalization (`chemv`, `cgemv`): the Ritz vector of the largest Ritz value.
/// Only an estimate — callers certify what they derive from it (`SinglePrecisionGramEnclosure` takes its
/// Rayleigh quotient in double precision, which is a lower bound on `λmax` for any vector).
enum SingleHermitianLanczos {
    /// `m`: row-major upper triangle of the `n × n` matrix (interleaved `(re, im)` Floats), not modified.
    /// Stops when the largest Ritz value changes by at most `10⁻⁵` relative over ten steps (about the
    /// resolution of single precision), or after `min(n, 80)` steps. Returns `2n` Floats (unit norm).
    static func topRitzVector(_ m: UnsafePointer<Float>, n: Int) -> [Float] {
        let slack = 8 * n + 4096
        let steps = min(n, 80)
        var v = [Float](repeating: 0, count: 2 * n * (steps + 1) + slack)
        var w = [Float](repeating: 0, count: 2 * n + slack)
        var h = [Float](repeating: 0, count: 2 * (steps + 1) + slack)
        var alpha = [Double](), beta = [Double]()
        // The fixed, generic start vector of `HermitianTopEigenvalue` (deterministic).
        for (i, x) in HermitianTopEigenvalue.startVector(n: n).enumerated() { v[i] = Float(x) }
        let one: [Float] = [1, 0], zero: [Float] = [0, 0], minusOne: [Float] = [-1, 0]
        var previous = -1.0
        var k = 0
        v.withUnsafeMutableBufferPointer { vb in
            w.withUnsafeMutableBufferPointer { wb in
                h.withUnsafeMutableBufferPointer { hb in
                    let vp = vb.baseAddress!, wp = wb.baseAddress!, hp = hb.baseAddress!
                    while k < steps {
                        let vk = vp + 2 * n * k
                        cblas_chemv(CblasRowMajor, CblasUpper, Int32(n), one, m, Int32(n), vk, 1, zero, wp, 1)
                        for _ in 0..<2 {
                            cblas_cgemv(CblasColMajor, CblasConjTrans, Int32(n), Int32(k + 1), one, vp, Int32(n), wp, 1, zero, hp, 1)
                            if alpha.count == k { alpha.append(Double(hp[2 * k])) } else { alpha[k] += Double(hp[2 * k]) }
                            cblas_cgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(k + 1), minusOne, vp, Int32(n), hp, 1, one, wp, 1)
                        }
                        let b = Double(cblas_scnrm2(Int32(n), wp, 1))
                        k += 1
                        if k % 10 == 0 || k == steps || b <= 1e-6 * max(abs(alpha[0]), 1e-30) {
                            let theta = TridiagonalTopEigenpair.compute(alpha, beta, vectors: false).value
                            if b <= 1e-6 * max(theta, 1e-30) || abs(theta - previous) <= 1e-5 * theta { break }
                            previous = theta
                        }
                        beta.append(b)
                        let next = vp + 2 * n * k
                        let scale = Float(1 / b)
                        for i in 0..<(2 * n) { next[i] = wp[i] * scale }
                    }
                }
            }
        }
        let coefficients = TridiagonalTopEigenpair.compute(alpha, beta, vectors: true).vector
        var y = [Float](repeating: 0, count: 2 * n)
        for j in 0..<coefficients.count {
            let c = Float(coefficients[j]), column = 2 * n * j
            for i in 0..<(2 * n) { y[i] += c * v[column + i] }
        }
        return y
    }
}
