/// The fixed sequence the top-eigenvalue Lanczos runs start from (`HermitianTopEigenvalue`,
/// `SmallHermitianTopEigenvalue`, `SymmetricTopEigenvalue`, `SingleHermitianLanczos`): a 64-bit linear
/// congruential generator whose top 53 bits are mapped to `[-1, 1)`. Deterministic, so every enclosure and
/// step count is the same from run to run; "generic" in that it has no reason to be orthogonal to a top
/// eigenvector. Not for anything that needs statistical randomness (`SplitMix64` is).
enum GenericStartSequence {
    /// Writes the first `count` values of the sequence to `v` and returns their sum of squares, accumulated
    /// in index order.
    @discardableResult
    static func fill(_ v: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var sumOfSquares = 0.0
        for i in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            v[i] = Double(Int64(bitPattern: state >> 11) - (1 << 52)) / Double(1 << 52)
            sumOfSquares += v[i] * v[i]
        }
        return sumOfSquares
    }
}
