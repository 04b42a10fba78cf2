/// Lipschitz constants (sup of |derivative|) of the activations in docs/spectral-methods §6, each rounded
/// *up* in its last printed digit so that it is never below the true supremum.
enum ActivationConstants {
    static let relu = 1.0
    static let tanh = 1.0
    static let sigmoid = 0.25
    static let softmax = 0.5
    /// `x·(x+3)₊∧6 / 6`: sup |h'| = 1.5 (at x = 3⁻).
    static let hardSwish = 1.5
    /// `x·σ(x)`: sup |h'| = 1.09984 (numerically 1.0998393), rounded up.
    static let silu = 1.0999
    /// `x·Φ(x)` (erf form) and its tanh approximation: sup |h'| = 1.12890 and 1.12899, rounded up.
    static let gelu = 1.1290
    /// `x·tanh(softplus(x))`: sup |h'| = 1.08850, rounded up.
    static let mish = 1.0886
    /// `erf`: 2/√π = 1.1283792, rounded up.
    static let erf = 1.12838
    /// `z·tanh(z)`: sup |d/dz| = sup |tanh u + u·sech² u| = 1.1996786, rounded up.
    static let zTanhZ = 1.19968
    /// `z·erf(z)` family: sup |erf u + (2/√π)·u·e^{−u²}| = 1.2578083, rounded up (for `z·erf(c·z)`, any c).
    static let zErfZ = 1.25781

    /// `z·clip(α·z + β, 0, 1)` with `α ≠ 0`: sup |h'| = `max(1, |β|, |2 − β|)` (derivative `2αz + β` on the
    /// ramp, 0 and 1 outside).
    static func gatedRamp(beta: Double) -> Double {
        max(1, abs(beta), beta <= 2 ? Outward.add(2, -beta) : Outward.add(beta, -2))
    }
}
