import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Activations written out as products of input-dependent tensors, and the product rule with ranges.
@Suite struct ActivationPatternTests {
    /// One-input model `y = build(x)`; returns the output's bound.
    func bound(
        _ options: NetworkBoundOptions = .init(), _ build: (inout GraphBuilder, String) -> String
    ) throws -> OutputBound {
        var g = GraphBuilder()
        g.input("x", [1, 2, 3, 3])
        let y = build(&g, "x")
        g.output(y)
        return try g.load().bound(options).outputs[0]
    }

    @Test func hardSwishWrittenOutAsClipIsRecognised() throws {
        let out = try bound { g, x in
            let shifted = g.node("Add", [x, g.scalar(3)])
            let clipped = g.node("Clip", [shifted, g.scalar(0), g.scalar(6)])
            let product = g.node("Mul", [x, clipped])
            return g.node("Div", [product, g.scalar(6)])
        }
        #expect(out.kind == "upper")
        #expect(abs(try #require(out.upper) - 1.5) < 1e-12)
        #expect(out.criticalPath.map(\.op) == ["Mul", "Div"])
    }

    @Test func hardSwishAsHardSigmoidProduct() throws {
        let out = try bound { g, x in
            let gate = g.node("HardSigmoid", [x], nil, [.float("alpha", 1.0 / 6), .float("beta", 0.5)])
            return g.node("Mul", [gate, x])
        }
        #expect(abs(try #require(out.upper) - 1.5) < 1e-6)
    }

    @Test func siluIsRecognised() throws {
        let out = try bound { g, x in g.node("Mul", [x, g.node("Sigmoid", [x])]) }
        #expect(out.upper == ActivationConstants.silu)
    }

    @Test func geluSigmoidErfAndTanhFormsAreRecognised() throws {
        let sigmoidForm = try bound { g, x in
            g.node("Mul", [x, g.node("Sigmoid", [g.node("Mul", [x, g.scalar(1.702)])])])
        }
        #expect(sigmoidForm.upper == ActivationConstants.gelu)
        let erfForm = try bound { g, x in
            let e = g.node("Erf", [g.node("Div", [x, g.scalar(2.0.squareRoot())])])
            let onePlus = g.node("Add", [e, g.scalar(1)])
            return g.node("Mul", [g.node("Mul", [x, onePlus]), g.scalar(0.5)])
        }
        #expect(abs(try #require(erfForm.upper) - ActivationConstants.gelu) < 1e-12)
        let tanhForm = try bound { g, x in
            let cube = g.node("Pow", [x, g.scalar(3)])
            let inner = g.node("Add", [x, g.node("Mul", [cube, g.scalar(0.044715)])])
            let t = g.node("Tanh", [g.node("Mul", [inner, g.scalar((2 / Double.pi).squareRoot())])])
            let half = g.node("Mul", [x, g.scalar(0.5)])
            return g.node("Mul", [half, g.node("Add", [t, g.scalar(1)])])
        }
        #expect(abs(try #require(tanhForm.upper) - ActivationConstants.gelu) < 1e-12)
    }

    @Test func mishIsRecognised() throws {
        let out = try bound { g, x in g.node("Mul", [x, g.node("Tanh", [g.node("Softplus", [x])])]) }
        #expect(out.upper == ActivationConstants.mish)
    }

    /// A product that is no known activation needs ranges; without them it is unknown and says why.
    @Test func unrecognisedProductNeedsRanges() throws {
        let out = try bound { g, x in g.node("Mul", [x, g.node("Relu", [x])]) }
        #expect(out.kind == "unknown" && out.upper == nil)
        #expect(out.blockingOps.map(\.op) == ["Mul"])
        #expect(out.blockingOps[0].reason.contains("--input-range"))
        let ranged = try bound(.init(inputRanges: ["x": -2...1])) { g, x in g.node("Mul", [x, g.node("Relu", [x])]) }
        // L ≤ M(x)·L(relu) + M(relu)·L(x) = 2·1 + 1·1.
        #expect(ranged.upper == 3)
    }

    /// The recognised constants are sound: the finite-difference derivative never exceeds them.
    @Test func recognisedConstantsBoundTheDerivative() throws {
        var g = GraphBuilder()
        g.input("x", [1, 1, 1, 400])
        let silu = g.node("Mul", ["x", g.node("Sigmoid", ["x"])], "silu")
        let shifted = g.node("Add", ["x", g.scalar(3)])
        let hswish = g.node("Div", [g.node("Mul", ["x", g.node("Clip", [shifted, g.scalar(0), g.scalar(6)])]), g.scalar(6)], "hswish")
        let mish = g.node("Mul", ["x", g.node("Tanh", [g.node("Softplus", ["x"])])], "mish")
        let e = g.node("Erf", [g.node("Div", ["x", g.scalar(2.0.squareRoot())])])
        let geluErf = g.node("Mul", [g.node("Mul", ["x", g.node("Add", [e, g.scalar(1)])]), g.scalar(0.5)], "geluErf")
        let cube = g.node("Pow", ["x", g.scalar(3)])
        let inner = g.node("Add", ["x", g.node("Mul", [cube, g.scalar(0.044715)])])
        let t = g.node("Tanh", [g.node("Mul", [inner, g.scalar((2 / Double.pi).squareRoot())])])
        let geluTanh = g.node("Mul", [g.node("Mul", ["x", g.scalar(0.5)]), g.node("Add", [t, g.scalar(1)])], "geluTanh")
        let geluSigmoid = g.node("Mul", ["x", g.node("Sigmoid", [g.node("Mul", ["x", g.scalar(1.702)])])], "geluSigmoid")
        let names = [silu, hswish, mish, geluErf, geluTanh, geluSigmoid]
        for y in names { g.output(y) }
        let m = try g.load()
        let result = try m.bound()
        let evaluator = m.evaluator
        let xs = (0..<400).map { -8 + 16 * Double($0) / 399 }
        let h = 1e-6
        let plus = evaluator.run(["x": ReferenceTensor(shape: [1, 1, 1, 400], values: xs.map { $0 + h })])
        let minus = evaluator.run(["x": ReferenceTensor(shape: [1, 1, 1, 400], values: xs.map { $0 - h })])
        for (k, name) in names.enumerated() {
            let slopes = zip(plus[name]!.values, minus[name]!.values).map { abs($0 - $1) / (2 * h) }
            let bound = try #require(result.outputs[k].upper)
            #expect(slopes.max()! <= bound, "\(name)")
            // Tight: within 1 % (x·σ(1.702x) is 1.0999-Lipschitz; §6 assigns it GELU's 1.1290).
            #expect(slopes.max()! >= bound * (name == "geluSigmoid" ? 0.97 : 0.99), "\(name)")
        }
    }
}

/// onnxruntime's fused GELU operators.
@Suite struct VendorActivationTests {
    @Test func microsoftGeluVariants() throws {
        var g = GraphBuilder()
        g.input("x", [1, 4])
        g.weight("bias", [4], [0.1, 0.2, 0.3, 0.4])
        for (op, inputs, out) in [("Gelu", ["x"], "a"), ("FastGelu", ["x", "bias"], "b"), ("QuickGelu", ["x"], "c")] {
            g.nodes.append(ONNXWriter.node(op: op, inputs: inputs, outputs: [out], name: op, domain: "com.microsoft"))
            g.output(out)
        }
        g.nodes.append(ONNXWriter.node(
            op: "QuickGelu", inputs: ["x"], outputs: ["d"], name: "q1", domain: "com.microsoft",
            attributes: [.float("alpha", 1)]))
        g.output("d")
        let outputs = try g.load().bound().outputs
        #expect(outputs.map(\.upper) == [ActivationConstants.gelu, ActivationConstants.gelu, ActivationConstants.gelu, ActivationConstants.silu])
    }
}
