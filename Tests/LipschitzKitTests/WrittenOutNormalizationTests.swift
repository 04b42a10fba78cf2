import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// A LayerNorm written out as nodes: `L ≤ L(x − mean)/√ε` and `|y| ≤ √n`, sound against the evaluator.
@Suite struct WrittenOutNormalizationTests {
    @Test func layerNormOverChannels() throws {
        var g = GraphBuilder()
        g.input("x", [1, 4, 3, 3])
        let mean = g.node("ReduceMean", ["x"], nil, [.ints("axes", [1])])
        let centred = g.node("Sub", ["x", mean])
        let variance = g.node("ReduceMean", [g.node("Pow", [centred, g.scalar(2)])], nil, [.ints("axes", [1])])
        let y = g.node("Div", [centred, g.node("Sqrt", [g.node("Add", [variance, g.scalar(0.01)])])], "y")
        g.output(y)
        let m = try g.load()
        let result = try m.bound()
        // L(x − mean) = 1 + (1/√4)·√4 = 2; the normalization adds 1/√0.01 = 10.
        let upper = try #require(result.outputs[0].upper)
        #expect(abs(upper - 20) < 1e-9)
        #expect(result.outputs[0].criticalPath.map(\.op) == ["Sub", "Div"])
        var rng = SeededGenerator(seed: 60)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 4, 3, 3], range: -0.05...0.05)
        #expect(probe.largestJacobianNorm(points: 3, rng: &rng) <= upper)
        #expect(probe.largestRatio(pairs: 30, rng: &rng) <= upper)
    }
}
