import Foundation

/// The 2-D DFT by its definition, `X[u, v] = Σ_{p,q} x[p, q]·e^{−2πi(p·u/N1 + q·v/N2)}` (sum over every
/// entry of the input, which may be larger than the grid), for checking FFT code. Interleaved complex.
public enum BruteForceDFT {
    /// Transform of a complex `rows × cols` array (interleaved) on an `n1 × n2` grid; `sign` −1 forward.
    public static func transform(
        _ x: [Double], rows: Int, cols: Int, grid n1: Int, _ n2: Int, sign: Double = -1
    ) -> [Double] {
        precondition(x.count == 2 * rows * cols)
        var out = [Double](repeating: 0, count: 2 * n1 * n2)
        for u in 0..<n1 {
            for v in 0..<n2 {
                var re = 0.0, im = 0.0
                for p in 0..<rows {
                    for q in 0..<cols {
                        let theta = sign * 2 * Double.pi * (Double(p * u % n1) / Double(n1) + Double(q * v % n2) / Double(n2))
                        let (c, s) = (cos(theta), sin(theta))
                        let (a, b) = (x[2 * (p * cols + q)], x[2 * (p * cols + q) + 1])
                        re += a * c - b * s
                        im += a * s + b * c
                    }
                }
                out[2 * (u * n2 + v)] = re
                out[2 * (u * n2 + v) + 1] = im
            }
        }
        return out
    }

    /// Transform of a real array (imaginary parts zero).
    public static func transform(real x: [Double], rows: Int, cols: Int, grid n1: Int, _ n2: Int) -> [Double] {
        var z = [Double](repeating: 0, count: 2 * x.count)
        for i in 0..<x.count { z[2 * i] = x[i] }
        return transform(z, rows: rows, cols: cols, grid: n1, n2)
    }
}
