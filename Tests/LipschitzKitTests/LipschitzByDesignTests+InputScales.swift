import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Per-channel scales on the input side of a conv or dense layer (spectral-methods §7.3), folded into the
/// kernel's input channels: the bound is the composed map's norm (dense SVD of the model's whole map).
extension LipschitzByDesignTests {
    enum InputScaler: String, CaseIterable, Sendable { case mul, div, batchNorm }

    /// Writes `scaler(x)` with per-channel values `s` along axis 1 of a rank-`rank` input; returns the output.
    static func scale(_ g: inout GraphBuilder, _ x: String, _ s: [Double], rank: Int, by scaler: InputScaler) -> String {
        let c = s.count
        let dims = rank == 2 ? [c] : [1, c] + [Int](repeating: 1, count: rank - 2)
        switch scaler {
        case .mul:
            g.weight("s", dims, s)
            return g.node("Mul", [x, "s"])
        case .div:
            g.weight("s", dims, s.map { 1 / $0 })
            return g.node("Div", [x, "s"])
        case .batchNorm:
            g.weight("gamma", [c], s)
            g.weight("beta", [c], (0..<c).map { 0.1 * Double($0) })
            g.weight("mean", [c], (0..<c).map { 0.2 - 0.1 * Double($0) })
            g.weight("var", [c], (0..<c).map { 0.5 + 0.5 * Double($0) })
            return g.node("BatchNormalization", [x, "gamma", "beta", "mean", "var"])
        }
    }

    /// A per-channel scale with a wide spread, then a 3×3 conv (dense and grouped): the bound is the composed
    /// operator's norm, far below the product `max|s|·‖K‖`, and the path shows one folded step.
    @Test(arguments: InputScaler.allCases, [1, 2])
    func inputScaleFoldsIntoTheConv(scaler: InputScaler, group: Int) throws {
        var rng = SeededGenerator(seed: 81)
        var g = GraphBuilder()
        let shape = [1, 4, 5, 5]
        g.input("x", shape)
        let scaled = Self.scale(&g, "x", [3, 0.1, -0.5, 1.7], rank: 4, by: scaler)
        g.output(g.node("Identity", [g.conv(scaled, cin: 4, cout: 4, k: 3, pad: 1, group: group, bias: true, rng: &rng)], "y"))
        let m = try g.load()
        let truth = linearNorm(m, shape: shape)
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(scaler), group \(group): \(upper) vs \(truth)")
        let product = 3 * (try ExactOperatorBounds().upperBound(conv: m.conv(0), outputChannelScale: nil))
        #expect(upper < product)
        #expect(out.criticalPath.map(\.op) == ["Scale→Conv (folded)", "Identity"], "\(out.criticalPath)")
        #expect(abs(pathProduct(out) / upper - 1) < 1e-12)
    }

    /// A per-feature scale before a Gemm (transB, bias): the bound is the composed matrix's norm.
    @Test(arguments: InputScaler.allCases)
    func inputScaleFoldsIntoTheDenseLayer(scaler: InputScaler) throws {
        var rng = SeededGenerator(seed: 82)
        var g = GraphBuilder()
        g.input("x", [1, 5])
        let scaled = Self.scale(&g, "x", [2.5, 0.2, -1, 0.05, 1.3], rank: 2, by: scaler)
        g.weight("W", [3, 5], rng.normals(15))
        g.weight("b", [3], rng.normals(3))
        g.output(g.node("Gemm", [scaled, "W", "b"], "y", [.int("transB", 1)]))
        let m = try g.load()
        let truth = linearNorm(m, shape: [1, 5])
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(scaler): \(upper) vs \(truth)")
        #expect(out.criticalPath.map(\.op) == ["Scale→Gemm (folded)"], "\(out.criticalPath)")
    }

    /// AOL rescaling of a dense layer, `x ↦ x·diag(d)·W` with `d_i = (Σ_j |W Wᵀ|_ij)^{-1/2}`: 1-Lipschitz by
    /// construction (spectral-methods §7.3); two such layers with MatMul: bound ≤ 1 and at least the truth.
    @Test func aolRescaledDenseLayersCertifyOne() throws {
        var rng = SeededGenerator(seed: 83)
        var g = GraphBuilder()
        g.input("x", [1, 6])
        var t = "x"
        for layer in 0..<2 {
            let w = rng.normals(36)
            let d = (0..<6).map { i -> Double in
                let sum = (0..<6).reduce(0.0) { acc, j in
                    acc + abs((0..<6).reduce(0.0) { $0 + w[i * 6 + $1] * w[j * 6 + $1] })
                }
                return 1 / sum.squareRoot()
            }
            g.weight("d\(layer)", [6], d)
            g.weight("W\(layer)", [6, 6], w)
            t = g.node("MatMul", [g.node("Mul", [t, "d\(layer)"]), "W\(layer)"])
        }
        g.output(g.node("Identity", [t], "y"))
        let m = try g.load()
        let truth = linearNorm(m, shape: [1, 6])
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(upper >= truth && upper <= 1 + 1e-9, "\(upper) vs \(truth)")
    }

    /// Near-misses: the scaled value also feeds another node; the constant runs along W, not the channels.
    /// Neither folds; both stay at or above the model's exact norm.
    @Test(arguments: [false, true])
    func inputScaleNearMissesDoNotFold(alongWidth: Bool) throws {
        var rng = SeededGenerator(seed: 84)
        var g = GraphBuilder()
        let shape = [1, 2, 4, 4]
        g.input("x", shape)
        let y: String
        if alongWidth {
            g.weight("s", [1, 1, 1, 4], [3, 0.1, 0.5, 1])
            let scaled = g.node("Mul", ["x", "s"])
            y = g.conv(scaled, cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        } else {
            g.weight("s", [1, 2, 1, 1], [3, 0.1])
            let scaled = g.node("Mul", ["x", "s"])
            y = g.node("Add", [g.conv(scaled, cin: 2, cout: 2, k: 3, pad: 1, rng: &rng), scaled])
        }
        g.output(g.node("Identity", [y], "out"))
        let m = try g.load()
        let truth = linearNorm(m, shape: shape)
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op.contains("folded") }, "\(out.criticalPath)")
        #expect(upper >= truth)
    }
}
