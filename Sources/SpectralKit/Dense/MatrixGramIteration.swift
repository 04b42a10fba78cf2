internal import CLAPACK
import Foundation

/// The matrix Gram iteration (Delattre et al.; docs/spectral-methods §5, peer bounds): `G_0 = W`,
/// `G_{t+1} = G_tᵀ G_t` with Frobenius rescaling at every step, and `‖W‖₂ ≤ ‖G_t‖_F^{1/2^t}` — a Schatten-norm
/// bound, hence a guaranteed upper bound for every `t`, tightening as `t` grows (the ratio to `‖W‖₂` is at
/// most `rank^{1/2^{t+1}}`). The first step uses the Gram matrix of the smaller side (same nonzero spectrum).
/// Cost: one `min·min·max` product, then `t − 1` cubes of the smaller dimension.
public enum MatrixGramIteration {
    /// The upper bound on `‖W‖₂` after `steps ≥ 0` Gram steps (0 gives the Frobenius norm).
    public static func upperBound(weight: [Double], rows: Int, cols: Int, steps: Int = 4) -> Double {
        precondition(rows > 0 && cols > 0 && weight.count == rows * cols && steps >= 0)
        let f0 = frobenius(weight)
        guard f0 > 0 else { return 0 }
        var logBound = log(f0)
        guard steps > 0 else { return f0 }
        let n = min(rows, cols)
        var g = [Double](repeating: 0, count: n * n)
        let scaled = weight.map { $0 / f0 }
        scaled.withUnsafeBufferPointer { w in
            g.withUnsafeMutableBufferPointer { gp in
                // n × n Gram of the smaller side: W Wᵀ (rows ≤ cols) or Wᵀ W.
                if rows <= cols {
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(cols), 1, w.baseAddress!, Int32(cols), w.baseAddress!, Int32(cols), 0, gp.baseAddress!, Int32(n))
                } else {
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(n), Int32(rows), 1, w.baseAddress!, Int32(cols), w.baseAddress!, Int32(cols), 0, gp.baseAddress!, Int32(n))
                }
            }
        }
        var scale = 0.5  // weight of log ‖G_t‖_F in the bound: 1/2^t
        for t in 1...steps {
            let f = frobenius(g)
            guard f > 0 else { return 0 }
            if t == steps {
                logBound += scale * log(f)
                break
            }
            logBound += scale * log(f)
            let h = g.map { $0 / f }
            var next = [Double](repeating: 0, count: n * n)
            h.withUnsafeBufferPointer { hp in
                next.withUnsafeMutableBufferPointer { np in
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, hp.baseAddress!, Int32(n), hp.baseAddress!, Int32(n), 0, np.baseAddress!, Int32(n))
                }
            }
            g = next
            scale /= 2
        }
        return exp(logBound)
    }

    static func frobenius(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { cblas_dnrm2(Int32($0.count), $0.baseAddress!, 1) }
    }
}
