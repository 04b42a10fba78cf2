import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Small generated models whose network bound is known in closed form from the exact per-layer norms.
@Suite struct ClosedFormTests {
    let exact = ExactOperatorBounds()

    @Test func chainIsTheProductOfItsFactors() throws {
        var rng = SeededGenerator(seed: 1)
        var g = GraphBuilder()
        g.input("x", [1, 2, 6, 6])
        let c1 = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, bias: true, rng: &rng)
        let r = g.node("Relu", [c1])
        let c2 = g.conv(r, cin: 3, cout: 4, k: 3, stride: 2, pad: 1, rng: &rng)
        let gap = g.node("GlobalAveragePool", [c2])
        let flat = g.node("Flatten", [gap])
        g.weight("fc", [5, 4], rng.normals(20))
        g.weight("fcb", [5], rng.normals(5))
        let y = g.node("Gemm", [flat, "fc", "fcb"], "y", [.int("transB", 1), .float("alpha", 0.5)])
        g.output(y)
        let m = try g.load()
        let result = try m.bound()
        let a = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let b = try exact.upperBound(conv: m.conv(1), outputChannelScale: nil)
        let d = try exact.upperBound(dense: m.layers.dense[0])
        let gapFactor = 1 / 3.0  // 1/√(3·3): conv2 output is 3×3
        let expected = a * b * gapFactor * d
        let out = try #require(result.outputs.first)
        #expect(out.kind == "upper")
        let upper = try #require(out.upper)
        #expect(upper >= expected && upper <= expected * (1 + 1e-12))
        #expect(out.criticalPath.map(\.op) == ["Conv", "Relu", "Conv", "GlobalAveragePool", "Flatten", "Gemm"])
        let pathProduct = out.criticalPath.map(\.factor).reduce(1, *)
        #expect(abs(pathProduct / upper - 1) < 1e-12)
        #expect(abs(try #require(result.naiveProduct) / (a * b * d) - 1) < 1e-12)
        #expect(result.wrt == ["x"] && result.boundUsed == "embedding" && result.sizeSpecific)
    }

    @Test func residualBlockIsOnePlusTheBranch() throws {
        var rng = SeededGenerator(seed: 2)
        var g = GraphBuilder()
        g.input("x", [1, 2, 5, 5])
        let c1 = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        let r = g.node("Relu", [c1])
        let c2 = g.conv(r, cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        g.output(g.node("Add", ["x", c2], "y"))
        let m = try g.load()
        let a = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let b = try exact.upperBound(conv: m.conv(1), outputChannelScale: nil)
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(abs(upper / (1 + a * b) - 1) < 1e-12)
    }

    @Test func twoBranchConcatIsRootSumOfSquares() throws {
        var rng = SeededGenerator(seed: 3)
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let a = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, rng: &rng)
        let b = g.conv("x", cin: 2, cout: 2, k: 1, rng: &rng)
        g.output(g.node("Concat", [a, b], "y", [.int("axis", 1)]))
        let m = try g.load()
        let la = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let lb = try exact.upperBound(conv: m.conv(1), outputChannelScale: nil)
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(abs(upper / (la * la + lb * lb).squareRoot() - 1) < 1e-12)
    }

    /// `concat(t, t)` doubles every squared difference: `√2·L(t)` (exact for linear `t`), never `L(t)`.
    @Test func concatOfTheSameTensorTwice() throws {
        var rng = SeededGenerator(seed: 4)
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let a = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        g.output(g.node("Concat", [a, a], "y", [.int("axis", 1)]))
        let m = try g.load()
        let la = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(abs(upper / (2.0.squareRoot() * la) - 1) < 1e-12)
        // And it is attained: the ratio along the top singular direction reaches √2·L within sampling.
        var probeRng = SeededGenerator(seed: 40)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 2, 4, 4], range: -1...1)
        let jacobian = probe.largestJacobianNorm(points: 1, rng: &probeRng)
        #expect(abs(jacobian / upper - 1) < 1e-6)
    }
}
