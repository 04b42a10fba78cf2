/// Random orthogonal matrices and orthogonal convolution kernels for tests of 1-Lipschitz networks.
public enum OrthogonalMatrices {
    /// A random `n×n` orthogonal matrix (product of two Householder reflections), row-major.
    public static func orthogonal(_ n: Int, rng: inout SeededGenerator) -> [Double] {
        var q = (0..<n * n).map { $0 / n == $0 % n ? 1.0 : 0 }
        for _ in 0..<2 {
            let v = rng.normals(n)
            let vv = v.map { $0 * $0 }.reduce(0, +)
            var h = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { h[i * n + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv } }
            q = multiply(h, q, n)
        }
        return q
    }

    /// The product of two `n×n` row-major matrices.
    public static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in 0..<n {
                let aik = a[i * n + k]
                for j in 0..<n { result[i * n + j] += aik * b[k * n + j] }
            }
        }
        return result
    }

    /// A BCOP-like orthogonal 3×3 kernel `c×c`: symbol `(P₁ + (I−P₁)z_h)(P₂ + (I−P₂)z_w)·Q` with rank-1
    /// projectors `P`, unitary at every frequency (taps in the top-left 2×2 of the 3×3 kernel).
    public static func orthogonalKernel(_ c: Int, rng: inout SeededGenerator) -> [Double] {
        func projector() -> [Double] {
            let v = rng.normals(c)
            let vv = v.map { $0 * $0 }.reduce(0, +)
            return (0..<c * c).map { v[$0 / c] * v[$0 % c] / vv }
        }
        func mul(_ a: [Double], _ b: [Double]) -> [Double] { multiply(a, b, c) }
        let identity = (0..<c * c).map { $0 / c == $0 % c ? 1.0 : 0 }
        let p1 = projector(), p2 = projector(), q = orthogonal(c, rng: &rng)
        let a = [p1, zip(identity, p1).map { $0 - $1 }]
        let b = [p2, zip(identity, p2).map { $0 - $1 }]
        var w = [Double](repeating: 0, count: c * c * 9)
        for th in 0..<2 {
            for tw in 0..<2 {
                let m = mul(mul(a[th], b[tw]), q)
                for o in 0..<c { for i in 0..<c { w[((o * c + i) * 3 + th) * 3 + tw] = m[o * c + i] } }
            }
        }
        return w
    }
}
