/// The explicit matrix of `x ↦ Wᵀ·flatten(diag(s)·T x)` — a 2-D conv `T` at one input size, a per-output-
/// channel scale `s`, the row-major NCHW flatten and a dense layer `y = d·W` (`W` is `K × P`, `K` the
/// flattened conv output) — with a bound on its rounding error (spectral-methods §7.3: a composition
/// certified at its real size by a dense method).
///
/// Row `p` of the matrix is the adjoint conv applied to column `p` of `W` (scaled by `s`, read as C×H×W), so
/// it is built from the weights directly, without applying the conv to unit vectors. Units: the matrix maps
/// the conv's input (one sample, `cin·n₁·n₂` values) to the dense layer's output (`P` values).
struct ConvDenseComposition {
    /// The conv's geometry at one size: pads `[top, left, bottom, right]`, sizes `[h, w]`.
    struct Geometry: Hashable {
        var kernel: [Int]
        var stride: [Int]
        var dilation: [Int]
        var pads: [Int]
        var group: Int
        var inputChannels: Int
        var outputChannels: Int
        var input: [Int]
        var output: [Int]

        /// Entries of the composed matrix for `p` dense outputs (`Int.max` on overflow).
        func entries(outputs p: Int) -> Int {
            ConvDenseComposition.saturatingProduct([p, inputChannels, input[0], input[1]])
        }

        /// Multiply-adds of building the matrix for `p` dense outputs (`Int.max` on overflow).
        func work(outputs p: Int) -> Int {
            ConvDenseComposition.saturatingProduct(
                [p, outputChannels, output[0], output[1], inputChannels / max(group, 1), kernel[0], kernel[1]])
        }

        /// Whether every size, kernel, stride, dilation and pad is in `0…2²⁰` (sizes, kernel, stride and
        /// dilation at least 1), so that no index computed from them overflows. A file can say anything.
        var isInRange: Bool {
            let limit = 1 << 20
            let positive = [kernel, stride, dilation, input, output].allSatisfy { $0.count == 2 && $0.allSatisfy { (1...limit).contains($0) } }
            return positive && pads.count == 4 && pads.allSatisfy { (0...limit).contains($0) }
                && inputChannels >= 1 && outputChannels >= 1
        }
    }

    /// The product of `factors` (negative ones count as 0), or `Int.max` when it overflows.
    static func saturatingProduct(_ factors: [Int]) -> Int {
        factors.reduce(1) { acc, f in
            let (next, overflow) = acc.multipliedReportingOverflow(by: max(f, 0))
            return overflow ? Int.max : next
        }
    }

    /// The most entries a composed matrix may have (as for a composed `Gemm → Gemm`): 32 MiB of `Double`s.
    static let maxEntries = 1 << 22
    /// The most multiply-adds building the matrices of one segment may take (all sizes it is built at).
    static let maxWork = 1 << 31

    /// `P × cin·n₁·n₂`, row-major: the floating-point matrix (it differs from the exact composition by at most
    /// `roundingMargin` in spectral norm).
    let values: [Double]
    let rows: Int
    let cols: Int
    /// A bound on `‖M̂ − M‖₂` (`‖·‖_F` of the entry-wise bound `γ·Σ|K·s·W|` with `γ = (n + 12)·2⁻⁵²`, `n` the
    /// most terms summed into one entry; the 12 covers the product's two roundings and a scale `s` that is
    /// itself within 20 units in the last place of the exact one), rounded up.
    let roundingMargin: Double

    /// The composition; `nil` when the shapes disagree (kernel, scale, `W`'s rows and the conv output), a
    /// number of the geometry is out of range, or forming it is over `maxEntries` or `maxWork` (the caller
    /// checks the caps first, to say why and to cap the work of all the sizes of one segment together).
    init?(kernel k: [Double], geometry g: Geometry, scale: [Double], right w: [Double], rows kRows: Int, cols p: Int) {
        guard g.isInRange else { return nil }
        let (kh, kw) = (g.kernel[0], g.kernel[1])
        let cout = g.outputChannels, cin = g.inputChannels
        guard g.group > 0, cout % g.group == 0, cin % g.group == 0, scale.count == cout,
            k.count == Self.saturatingProduct([cout, cin / g.group, kh, kw]),
            kRows == Self.saturatingProduct([cout, g.output[0], g.output[1]]),
            w.count == Self.saturatingProduct([kRows, p]),
            g.entries(outputs: p) <= Self.maxEntries, g.work(outputs: p) <= Self.maxWork
        else { return nil }
        let count = g.entries(outputs: p)
        let inPerGroup = cin / g.group, outPerGroup = cout / g.group
        let (n1, n2) = (g.input[0], g.input[1])
        let (m1, m2) = (g.output[0], g.output[1])
        let columns = cin * n1 * n2
        var m = [Double](repeating: 0, count: count)
        var magnitude = m
        for row in 0..<p {
            let base = row * columns
            for o in 0..<cout {
                let firstInput = (o / outPerGroup) * inPerGroup
                for a1 in 0..<m1 {
                    for a2 in 0..<m2 {
                        let v = scale[o] * w[((o * m1 + a1) * m2 + a2) * p + row]
                        if v == 0 { continue }
                        for local in 0..<inPerGroup {
                            let plane = base + (firstInput + local) * n1 * n2
                            let taps = (o * inPerGroup + local) * kh * kw
                            for t1 in 0..<kh {
                                let h = a1 * g.stride[0] - g.pads[0] + t1 * g.dilation[0]
                                guard h >= 0, h < n1 else { continue }
                                for t2 in 0..<kw {
                                    let x = a2 * g.stride[1] - g.pads[1] + t2 * g.dilation[1]
                                    guard x >= 0, x < n2 else { continue }
                                    let term = k[taps + t1 * kw + t2] * v
                                    m[plane + h * n2 + x] += term
                                    magnitude[plane + h * n2 + x] += abs(term)
                                }
                            }
                        }
                    }
                }
            }
        }
        let terms = outPerGroup * kh * kw
        let gamma = Double(terms + 12) * 0x1p-52
        let frobenius = Outward.sqrt(Outward.sum(magnitude.map { Outward.mul($0, $0) }))
        // The magnitudes were summed in floating point: relative error ≤ terms·2⁻⁵³ ≤ 2³¹·2⁻⁵³ < 1e-6 under the work cap.
        roundingMargin = Outward.mul(Outward.mul(frobenius, gamma), 1 + 1e-6)
        values = m
        rows = p
        cols = columns
    }
}
