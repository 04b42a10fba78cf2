/// A point `ω = (ω1, ω2)` of the frequency torus, in radians (any real values; the symbol's singular values
/// are `2π`-periodic in each coordinate).
public struct Frequency: Sendable, Hashable, Codable, CustomStringConvertible {
    public var w1: Double
    public var w2: Double

    public init(_ w1: Double, _ w2: Double) {
        self.w1 = w1
        self.w2 = w2
    }

    /// The point `(2π·u/n1, 2π·v/n2)` of the `n1 × n2` DFT grid.
    public static func dftGrid(_ u: Int, _ v: Int, size: Size2D) -> Frequency {
        Frequency(2 * Double.pi * Double(u) / Double(size.h), 2 * Double.pi * Double(v) / Double(size.w))
    }

    /// All `n1·n2` points of the DFT grid, row-major (`u` slow, `v` fast). Evaluating a `SpectralDensity` on
    /// them gives the circulant spectrum of docs/spectral-methods §3 (wrap-around padding, stride 1).
    public static func dftGrid(size: Size2D) -> [Frequency] {
        var points: [Frequency] = []
        points.reserveCapacity(size.product)
        for u in 0..<size.h {
            for v in 0..<size.w { points.append(dftGrid(u, v, size: size)) }
        }
        return points
    }

    public var description: String { "(\(w1), \(w2))" }
}
