/// An element-wise scalar function of one tensor `z` (the `root`), read off a chain of element-wise nodes
/// whose other operands are one-element constants. Used to recognise activations that exporters write out
/// as several nodes (SiLU, GELU, HardSwish, Mish).
indirect enum ScalarForm: Equatable {
    case root
    case constant(Double)
    case add(ScalarForm, ScalarForm)
    case mul(ScalarForm, ScalarForm)
    case div(ScalarForm, ScalarForm)
    case apply(ScalarFunction, ScalarForm)

    /// Polynomial coefficients `[c0, c1, ...]` in `z` (degree ≤ 5), or `nil` when the form is not one.
    var polynomial: [Double]? {
        switch self {
        case .root: return [0, 1]
        case .constant(let c): return [c]
        case .add(let a, let b):
            guard let p = a.polynomial, let q = b.polynomial else { return nil }
            return (0..<max(p.count, q.count)).map { (p[safe: $0] ?? 0) + (q[safe: $0] ?? 0) }
        case .mul(let a, let b):
            guard let p = a.polynomial, let q = b.polynomial, p.count + q.count - 1 <= 6 else { return nil }
            var r = [Double](repeating: 0, count: p.count + q.count - 1)
            for (i, x) in p.enumerated() { for (j, y) in q.enumerated() { r[i + j] += x * y } }
            return r
        case .div(let a, .constant(let c)) where c != 0:
            return a.polynomial?.map { $0 / c }
        default: return nil
        }
    }

    /// `(a, b)` with the form equal to `a·z + b`, when it is affine.
    var affine: (a: Double, b: Double)? {
        guard let p = polynomial, p.dropFirst(2).allSatisfy({ $0 == 0 }) else { return nil }
        return (p[safe: 1] ?? 0, p[0])
    }

    /// The factors of a product: the constant `k` and the non-constant factors.
    var productFactors: (k: Double, parts: [ScalarForm]) {
        switch self {
        case .constant(let c): return (c, [])
        case .mul(let a, let b):
            let (ka, pa) = a.productFactors
            let (kb, pb) = b.productFactors
            return (ka * kb, pa + pb)
        case .div(let a, .constant(let c)) where c != 0:
            let (k, p) = a.productFactors
            return (k / c, p)
        default: return (1, [self])
        }
    }

    /// `(s, t, U)` with the form equal to `s·U + t` and `U` a function application.
    var scaledApplication: (s: Double, t: Double, u: ScalarForm)? {
        switch self {
        case .apply: return (1, 0, self)
        case .add(let a, .constant(let c)), .add(.constant(let c), let a):
            return a.scaledApplication.map { ($0.s, $0.t + c, $0.u) }
        case .mul(let a, .constant(let c)), .mul(.constant(let c), let a):
            return a.scaledApplication.map { ($0.s * c, $0.t * c, $0.u) }
        case .div(let a, .constant(let c)) where c != 0:
            return a.scaledApplication.map { ($0.s / c, $0.t / c, $0.u) }
        default: return nil
        }
    }
}

/// The element-wise functions a `ScalarForm` may apply.
enum ScalarFunction: Equatable {
    case sigmoid, tanh, erf, softplus
    case clip(Double, Double)
    /// `clip(α·x + β, 0, 1)`.
    case hardSigmoid(Double, Double)
}
