import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Squeeze-excitation gates, operators without a rule, and the choice of inputs.
@Suite struct GateAndBlockingTests {
    /// `y = c · Sigmoid(W₂·Relu(W₁·GAP(c)))` with `c = conv(x)`: certified with `x ∈ [0, 1]`, unknown without.
    func squeezeExcitation() throws -> LoadedModel {
        var rng = SeededGenerator(seed: 11)
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let c = g.conv("x", cin: 2, cout: 4, k: 3, pad: 1, bias: true, rng: &rng)
        let pooled = g.node("GlobalAveragePool", [c])
        let squeeze = g.conv(pooled, cin: 4, cout: 2, k: 1, bias: true, rng: &rng)
        let excite = g.conv(g.node("Relu", [squeeze]), cin: 2, cout: 4, k: 1, bias: true, rng: &rng)
        let gate = g.node("Sigmoid", [excite])
        g.output(g.node("Mul", [c, gate], "y"))
        return try g.load()
    }

    @Test func squeezeExcitationGateNeedsInputRanges() throws {
        let m = try squeezeExcitation()
        let without = try m.bound().outputs[0]
        #expect(without.kind == "unknown")
        #expect(without.blockingOps == [BlockingOp(
            node: "Mul10", op: "Mul",
            reason: "a product of two input-dependent values needs a bound on |t2| (declare --input-range)")])
        let with = try m.bound(.init(inputRanges: ["x": 0...1], boundUsed: .embedding, sizeSpecific: true)).outputs[0]
        #expect(with.kind == "upper")
        let upper = try #require(with.upper)
        var rng = SeededGenerator(seed: 12)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 2, 4, 4], range: 0...1)
        #expect(upper >= probe.largestRatio(pairs: 60, rng: &rng))
        #expect(upper >= probe.largestJacobianNorm(points: 3, rng: &rng))
    }

    @Test func opWithoutRuleIsUnknownAndListed() throws {
        var rng = SeededGenerator(seed: 13)
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let c = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        let norm = g.node("LpNormalization", [c])
        g.output(g.node("Relu", [norm], "blocked"))
        g.output(g.node("Relu", [c], "clear"))
        let result = try g.load().bound()
        let blocked = result.outputs[0]
        #expect(blocked.kind == "unknown" && blocked.upper == nil && blocked.criticalPath.isEmpty)
        #expect(blocked.blockingOps.count == 1)
        #expect(blocked.blockingOps[0].op == "LpNormalization" && blocked.blockingOps[0].node == "LpNormalization3")
        #expect(blocked.blockingOps[0].reason.contains("data-dependent"))
        #expect(result.outputs[1].kind == "upper")
        #expect(result.naiveProduct != nil)
    }

    @Test func customDomainOpIsUnknown() throws {
        var g = GraphBuilder()
        g.input("x", [1, 2])
        g.nodes.append(ONNXWriter.node(op: "Magic", inputs: ["x"], outputs: ["y"], name: "m", domain: "com.example"))
        g.output("y")
        let out = try g.load().bound().outputs[0]
        #expect(out.blockingOps.map(\.op) == ["com.example.Magic"])
    }

    @Test func wrtSelectsInputsAndIntegerInputsHaveZero() throws {
        var g = GraphBuilder()
        g.input("a", [1, 4])
        g.input("b", [1, 4])
        g.input("k", [1, 4], type: .int64)
        let scaled = g.node("Mul", ["a", g.scalar(3)])
        let sum = g.node("Add", [scaled, "b"], "y")
        g.output(sum)
        g.output(g.node("Cast", ["k"], "kf", [.int("to", 1)]))
        let m = try g.load()
        let both = try m.bound()
        #expect(both.wrt == ["a", "b"])
        #expect(both.outputs[0].upper == 4)
        #expect(both.outputs[1].upper == 0 && both.outputs[1].kind == "upper")
        let onlyB = try NetworkBoundCalculator(
            model: m.model, layers: m.layers, bounds: ExactOperatorBounds(), options: .init(wrt: ["b"])).compute()
        #expect(onlyB.outputs[0].upper == 1)
        #expect(throws: NetworkBoundError.unknownWrtInput(name: "zz", available: ["a", "b", "k"])) {
            try NetworkBoundCalculator(model: m.model, layers: m.layers, bounds: ExactOperatorBounds(), options: .init(wrt: ["zz"]))
        }
        #expect(throws: NetworkBoundError.self) {
            try NetworkBoundCalculator(
                model: m.model, layers: m.layers, bounds: ExactOperatorBounds(), options: .init(inputRanges: ["q": 0...1]))
        }
    }

    @Test func unavailableLayerBoundBlocksWithItsReason() throws {
        struct NoBounds: LinearLayerBounds {
            func upperBound(conv: ConvLayer, outputChannelScale: [Double]?) throws(LayerBoundUnavailable) -> Double {
                throw LayerBoundUnavailable("no figure for this test")
            }
            func upperBound(dense: DenseLayer) throws(LayerBoundUnavailable) -> Double { 1 }
        }
        var rng = SeededGenerator(seed: 14)
        var g = GraphBuilder()
        g.input("x", [1, 1, 3, 3])
        g.output(g.conv("x", cin: 1, cout: 1, k: 3, rng: &rng))
        let m = try g.load()
        let result = try NetworkBoundCalculator(model: m.model, layers: m.layers, bounds: NoBounds()).compute()
        #expect(result.outputs[0].blockingOps.map(\.reason) == ["no figure for this test"])
        #expect(result.naiveProduct == nil)
        #expect(result.boundUsed == "asymptotic" && !result.sizeSpecific)
    }
}
