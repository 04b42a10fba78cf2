/// Where `ConvolutionSpec.exactNorm` starts its Lanczos iteration. The start changes the number of steps
/// only: the figure is held to the same residual-based stopping test and tolerance whatever the start, and
/// a warm start is mixed with a seeded random vector (`GolubKahanLanczos.topSingularValues(of:k:options:start:)`)
/// so that it is never orthogonal to the top singular vector by accident.
public enum ExactStart: Sendable, Hashable {
    /// Seeded random vectors (`LanczosOptions.seed`).
    case random
    /// The plane wave at a frequency `ω` of the torus of `ConvolutionSpec.polyphaseKernel` (e.g.
    /// `AsymptoticBound.maximizer`, or the top of the circulant spectrum): for each group, the real part
    /// (the imaginary part when that vanishes) of `x = v·e^{-i⟨ω, position⟩}` on the input grid as the first
    /// start vector, the second one seeded random (`LanczosOptions.blockSize` 2); `v` the top right singular
    /// vector of the group's polyphase symbol `F(ω)` (power iteration), under a sine envelope that vanishes
    /// at the borders. Near the maximizing frequency this is close to the top singular vector of the
    /// zero-padded layer.
    case frequency(Frequency)
}
