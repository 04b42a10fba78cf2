import Foundation

/// Frequency grids on which the spectral density is sampled to approximate the singular values of the
/// zero-padded layer (docs/spectral-methods §5). `m` is the number of points per axis (the layer's output
/// size in the polyphase domain).
public enum ApproximationGrid: String, Sendable, Hashable, Codable, CaseIterable {
    /// `2πj/m`, `j = 0..<m` on both axes: the circulant (wrap-around) spectrum.
    case dft
    /// `2π(j + ½)/m` on both axes.
    case halfShifted = "half-shifted"
    /// `θ1 = πj/(m1 + 1)`, `j = 1...m1` (the eigenvalue grid of symmetric tridiagonal Toeplitz matrices),
    /// with `θ2 = 2πv/m2` over the whole circle: a non-even symbol needs both half-planes.
    case sine

    /// The frequencies along axis 1 (`first`) or 2 for `m` points.
    func angles(_ m: Int, firstAxis: Bool) -> [Double] {
        switch self {
        case .dft:
            return (0..<m).map { 2 * Double.pi * Double($0) / Double(m) }
        case .halfShifted:
            return (0..<m).map { 2 * Double.pi * (Double($0) + 0.5) / Double(m) }
        case .sine:
            return firstAxis
                ? (1...m).map { Double.pi * Double($0) / Double(m + 1) }
                : (0..<m).map { 2 * Double.pi * Double($0) / Double(m) }
        }
    }
}
