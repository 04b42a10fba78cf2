/// Recognises `z·g(z)` activations written out as a product (docs/spectral-methods §6, item "products"):
/// given the product's `ScalarForm` in `z`, returns a certified Lipschitz constant of the element-wise map
/// `z ↦ product`, or `nil` when the form is not a known pattern.
///
/// Shapes accepted, with `k` the product of constant factors and `g = s·U + t` (so the map is
/// `k·(s·z·U(z) + t·z)`, Lipschitz ≤ `|k|·(|s|·L_U + |t|)`):
/// - `U = σ(c·z)`, `c ≠ 0`: `L_U = 1.0999` (SiLU; `sup|d/du (u·σ(u))|` does not depend on `c`); for
///   `c = 1.702` (the sigmoid form of GELU) the GELU constant 1.1290 of §6 is used.
/// - `U = erf(c·z)`: GELU when `s = t` (`2|t|·1.1290`), else `L_U = 1.25781`.
/// - `U = tanh(c₁z + c₃z³)`: GELU (tanh form) when `s = t`, `c₁ = √(2/π)`, `c₃/c₁ = 0.044715`;
///   `U = tanh(c·z)`: `L_U = 1.19968`; `U = tanh(softplus(z))`: Mish 1.0886.
/// - `U = clip(a·z + b, lo, hi)` or `hardSigmoid`: `z·clip(αz + β, 0, 1)` has `sup|h'| = max(1, |β|, |2−β|)`
///   (HardSwish: α = 1/6, β = 1/2 → 1.5).
enum ActivationPattern {
    static func lipschitz(of product: ScalarForm) -> Double? {
        let (k0, parts) = product.productFactors
        guard parts.count == 2 else { return nil }
        var k = k0
        var gate: ScalarForm?
        var linearFound = false
        for part in parts {
            if !linearFound, let affine = part.affine, affine.b == 0, affine.a != 0 {
                k *= affine.a
                linearFound = true
            } else {
                gate = part
            }
        }
        guard linearFound, let gate, let (s, t, u) = gate.scaledApplication, k.isFinite, s.isFinite, t.isFinite,
            case .apply(let function, let inner) = u
        else { return nil }
        let sameScale = abs(s - t) <= 1e-6 * max(abs(s), abs(t))
        var result: Double?
        switch function {
        case .sigmoid:
            guard let (c, b) = inner.affine, b == 0, c != 0 else { return nil }
            let constant = abs(c - 1.702) < 1e-3 ? ActivationConstants.gelu : ActivationConstants.silu
            result = general(s, t, constant)
        case .erf:
            guard let (c, b) = inner.affine, b == 0, c != 0 else { return nil }
            result = sameScale ? Outward.mul(2 * abs(t), ActivationConstants.gelu) : general(s, t, ActivationConstants.zErfZ)
        case .tanh:
            if inner == .apply(.softplus, .root) {
                result = general(s, t, ActivationConstants.mish)
            } else if let p = inner.polynomial, p[0] == 0, p.count >= 2, p[1] != 0,
                (p[safe: 2] ?? 0) == 0, p.dropFirst(4).allSatisfy({ $0 == 0 })
            {
                let c1 = p[1]
                let c3 = p[safe: 3] ?? 0
                if c3 == 0 {
                    result = general(s, t, ActivationConstants.zTanhZ)
                } else if sameScale, abs(c1 / (2 / Double.pi).squareRoot() - 1) < 1e-6, abs(c3 / c1 / 0.044715 - 1) < 1e-6 {
                    result = Outward.mul(2 * abs(t), ActivationConstants.gelu)
                }
            }
        case .clip(let lo, let hi):
            guard lo.isFinite, hi.isFinite, hi > lo, let (a, b) = inner.affine, a != 0 else { return nil }
            // z·clip(v, lo, hi) = lo·z + (hi − lo)·z·clip((v − lo)/(hi − lo), 0, 1).
            let beta = (b - lo) / (hi - lo)
            let ramp = Outward.add(abs(lo), Outward.mul(Outward.up(hi - lo), ActivationConstants.gatedRamp(beta: beta)))
            result = general(s, t, ramp)
        case .hardSigmoid(let alpha, let beta):
            guard let (a, b) = inner.affine, a * alpha != 0 else { return nil }
            result = general(s, t, ActivationConstants.gatedRamp(beta: alpha * b + beta))
        case .softplus:
            return nil
        }
        return result.map { Outward.mul(abs(k), $0) }
    }

    /// `|s|·L_U + |t|`.
    private static func general(_ s: Double, _ t: Double, _ lu: Double) -> Double {
        Outward.add(Outward.mul(abs(s), lu), abs(t))
    }
}
