import Foundation
import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Random small models built from supported operators: the certified bound must be at least every
/// empirical Lipschitz ratio `‖f(x) − f(y)‖/‖x − y‖` and every finite-difference Jacobian norm found at
/// random points of the declared domain `x ∈ [0, 1]` (seeded, so failures reproduce).
@Suite struct SoundnessTests {
    static let shape = [1, 2, 6, 6]

    @discardableResult
    func check(_ seed: UInt64, _ build: (inout GraphBuilder, inout SeededGenerator) -> String) throws -> OutputBound {
        var rng = SeededGenerator(seed: seed)
        var g = GraphBuilder()
        g.input("x", Self.shape)
        g.output(build(&g, &rng))
        let m = try g.load()
        let result = try m.bound(.init(inputRanges: ["x": 0...1], boundUsed: .embedding, sizeSpecific: true))
        let out = try #require(result.outputs.first)
        let upper = try #require(out.upper, "bound unknown: \(out.blockingOps)")
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: Self.shape, range: 0...1)
        var probeRng = SeededGenerator(seed: seed &+ 1000)
        let ratio = probe.largestRatio(pairs: 40, rng: &probeRng)
        let jacobian = probe.largestJacobianNorm(points: 2, rng: &probeRng)
        #expect(ratio <= upper, "seed \(seed): ratio \(ratio) > bound \(upper)")
        #expect(jacobian <= upper * (1 + 1e-6), "seed \(seed): Jacobian \(jacobian) > bound \(upper)")
        #expect(ratio > 0)
        // Every intermediate value, and every recorded channel range, contains what the evaluator computes.
        let calculator = try NetworkBoundCalculator(
            model: m.model, layers: m.layers, bounds: ExactOperatorBounds(), options: .init(inputRanges: ["x": 0...1]))
        let pass = NetworkPass(calculator: calculator)
        pass.run()
        for _ in 0..<5 {
            let values = m.evaluator.run(["x": ReferenceTensor(shape: Self.shape, values: probe.randomPoint(&probeRng))])
            for (name, tensor) in values {
                guard let state = pass.states[name] else { continue }
                let r = state.range
                #expect(tensor.values.allSatisfy { $0 >= r.lower && $0 <= r.upper }, "seed \(seed): '\(name)' leaves \(r)")
                #expect(ReferenceTensor.distance(tensor, ReferenceTensor(shape: tensor.shape)) <= pass.norms[name] ?? .infinity,
                        "seed \(seed): ‖\(name)‖ exceeds N")
                if let channels = pass.channelRanges[name], tensor.shape.count >= 3, tensor.shape[1] == channels.count {
                    let inner = tensor.shape.dropFirst(2).reduce(1, *)
                    for (i, v) in tensor.values.enumerated() {
                        let c = (i / inner) % channels.count
                        if v < channels[c].lower || v > channels[c].upper {
                            Issue.record("seed \(seed): '\(name)' channel \(c) value \(v) leaves \(channels[c])")
                            break
                        }
                    }
                }
            }
        }
        if ProcessInfo.processInfo.environment["LIPLINT_PRINT_NETWORK"] != nil { print("seed \(seed): bound \(upper) ratio \(ratio) jacobian \(jacobian)") }
        return out
    }

    /// conv → BN → ReLU → overlapping MaxPool → grouped dilated conv + 1×1 shortcut → AveragePool with
    /// padding → Flatten → Gemm → Tanh.
    @Test(arguments: [21, 22, 23] as [UInt64]) func convolutionalNetwork(seed: UInt64) throws {
        try check(seed) { g, rng in
            let c = g.conv("x", cin: 2, cout: 4, k: 3, pad: 1, bias: true, rng: &rng)
            g.weight("g\(seed)", [4], rng.normals(4).map { 1 + 0.5 * $0 })
            g.weight("b\(seed)", [4], rng.normals(4))
            g.weight("m\(seed)", [4], rng.normals(4))
            g.weight("v\(seed)", [4], rng.normals(4).map { 0.5 + abs($0) })
            let bn = g.node("BatchNormalization", [c, "g\(seed)", "b\(seed)", "m\(seed)", "v\(seed)"])
            let pooled = g.node("MaxPool", [g.node("Relu", [bn])], nil, [
                .ints("kernel_shape", [3, 3]), .ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1]),
            ])
            let branch = g.conv(pooled, cin: 4, cout: 4, k: 3, pad: 2, dilation: 2, group: 2, rng: &rng)
            let shortcut = g.conv(pooled, cin: 4, cout: 4, k: 1, rng: &rng)
            let sum = g.node("Add", [branch, shortcut])
            let avg = g.node("AveragePool", [sum], nil, [
                .ints("kernel_shape", [2, 2]), .ints("pads", [1, 1, 0, 0]), .int("count_include_pad", 1),
            ])
            let flat = g.node("Flatten", [avg])
            g.weight("fc\(seed)", [3, 36], rng.normals(108).map { $0 * 0.3 })
            return g.node("Tanh", [g.node("Gemm", [flat, "fc\(seed)"], nil, [.int("transB", 1)])])
        }
    }

    /// Written-out HardSwish, a squeeze-excitation gate (a product certified from ranges), reflect Pad,
    /// concat of one tensor twice, Sigmoid and Clip.
    @Test(arguments: [31, 32, 33] as [UInt64]) func gatedNetwork(seed: UInt64) throws {
        try check(seed) { g, rng in
            let c = g.conv("x", cin: 2, cout: 4, k: 3, pad: 1, bias: true, rng: &rng)
            let shifted = g.node("Add", [c, g.scalar(3)])
            let hs = g.node("Div", [g.node("Mul", [c, g.node("Clip", [shifted, g.scalar(0), g.scalar(6)])]), g.scalar(6)])
            let squeeze = g.conv(g.node("GlobalAveragePool", [hs]), cin: 4, cout: 2, k: 1, bias: true, rng: &rng)
            let excite = g.conv(g.node("Relu", [squeeze]), cin: 2, cout: 4, k: 1, bias: true, rng: &rng)
            let gated = g.node("Mul", [hs, g.node("HardSigmoid", [excite])])
            g.ints("pads\(seed)", [0, 0, 1, 1, 0, 0, 1, 1])
            let padded = g.node("Pad", [gated, "pads\(seed)"], nil, [.string("mode", "reflect")])
            let d = g.conv(padded, cin: 4, cout: 2, k: 3, stride: 2, rng: &rng)
            let twice = g.node("Concat", [d, d], nil, [.int("axis", 1)])
            return g.node("Clip", [g.node("Sigmoid", [twice]), g.scalar(0.2), g.scalar(0.9)])
        }
    }

    /// SiLU, nearest Resize, strided conv, a written-out LayerNorm over channels, a per-channel affine,
    /// LeakyReLU, GlobalAveragePool and a MatMul head.
    @Test(arguments: [41, 42] as [UInt64]) func normalizedNetwork(seed: UInt64) throws {
        try check(seed) { g, rng in
            let c = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, bias: true, rng: &rng)
            let silu = g.node("Mul", [c, g.node("Sigmoid", [c])])
            g.weight("roi\(seed)", [0], [])
            g.weight("sc\(seed)", [4], [1, 1, 2, 2])
            let up = g.node("Resize", [silu, "roi\(seed)", "sc\(seed)"], nil, [
                .string("mode", "nearest"), .string("coordinate_transformation_mode", "asymmetric"),
                .string("nearest_mode", "floor"),
            ])
            let s = g.conv(up, cin: 3, cout: 4, k: 3, stride: 2, pad: 1, bias: true, rng: &rng)
            let mean = g.node("ReduceMean", [s], nil, [.ints("axes", [1])])
            let centred = g.node("Sub", [s, mean])
            let variance = g.node("ReduceMean", [g.node("Pow", [centred, g.scalar(2)])], nil, [.ints("axes", [1])])
            let normed = g.node("Div", [centred, g.node("Sqrt", [g.node("Add", [variance, g.scalar(1e-2)])])])
            g.weight("ga\(seed)", [1, 4, 1, 1], rng.normals(4))
            g.weight("be\(seed)", [1, 4, 1, 1], rng.normals(4))
            let affine = g.node("Add", [g.node("Mul", [normed, "ga\(seed)"]), "be\(seed)"])
            let act = g.node("LeakyRelu", [affine], nil, [.float("alpha", 0.1)])
            let flat = g.node("Flatten", [g.node("GlobalAveragePool", [act])])
            g.weight("head\(seed)", [4, 2], rng.normals(8))
            return g.node("MatMul", [flat, "head\(seed)"])
        }
    }

    /// ConvTranspose (stride 2, groups) followed by BatchNormalization (folded), HardSwish, and a conv.
    @Test(arguments: [61, 62] as [UInt64]) func transposedNetwork(seed: UInt64) throws {
        try check(seed) { g, rng in
            let c = g.conv("x", cin: 2, cout: 4, k: 3, stride: 2, pad: 1, bias: true, rng: &rng)
            g.weight("wt\(seed)", [4, 1, 2, 2], rng.normals(16))
            g.weight("bt\(seed)", [2], rng.normals(2))
            let up = g.node("ConvTranspose", [c, "wt\(seed)", "bt\(seed)"], nil, [
                .ints("kernel_shape", [2, 2]), .ints("strides", [2, 2]), .int("group", 2),
            ])
            g.weight("tg\(seed)", [2], [2, -0.5])
            g.weight("tb\(seed)", [2], [0.1, 0.2])
            g.weight("tm\(seed)", [2], [0.3, -0.1])
            g.weight("tv\(seed)", [2], [0.5, 2])
            let bn = g.node("BatchNormalization", [up, "tg\(seed)", "tb\(seed)", "tm\(seed)", "tv\(seed)"])
            let hs = g.node("HardSwish", [bn])
            return g.conv(hs, cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        }
    }

    /// A spectral magnitude `√(a² + b²)` of two convs (a Euclidean norm: RSS of the two bounds).
    @Test(arguments: [71, 72] as [UInt64]) func magnitudeNetwork(seed: UInt64) throws {
        try check(seed) { g, rng in
            let a = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, bias: true, rng: &rng)
            let b = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, bias: true, rng: &rng)
            let sum = g.node("Add", [g.node("Pow", [a, g.scalar(2)]), g.node("Mul", [b, b])])
            return g.node("Sqrt", [sum])
        }
    }

    /// The joint rules of §7 on randomized weights and biases: conv → BN → 1×1 conv (segment), MaxMin (Split),
    /// wrap padding (Slice+Concat) → valid conv (circular), MaxMin (ReLU form), written L2 pooling.
    @Test(arguments: [81, 82] as [UInt64]) func lipschitzByDesignPatterns(seed: UInt64) throws {
        let out = try check(seed) { g, rng in
            var t = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, bias: true, rng: &rng)
            g.weight("gamma\(seed)", [2], rng.normals(2))
            g.weight("beta\(seed)", [2], rng.normals(2))
            g.weight("mean\(seed)", [2], rng.normals(2))
            g.weight("var\(seed)", [2], rng.normals(2).map { abs($0) + 0.5 })
            t = g.node("BatchNormalization", [t, "gamma\(seed)", "beta\(seed)", "mean\(seed)", "var\(seed)"])
            t = g.conv(t, cin: 2, cout: 4, k: 1, bias: true, rng: &rng, scale: 0.8)
            t = g.maxMin(t, channels: 4, form: .split)
            t = g.wrapPad(t, shape: [1, 4, 6, 6], form: .sliceConcat)
            t = g.conv3(t, weights: rng.normals(4 * 4 * 9).map { $0 * 0.3 }, channels: 4, pad: 0)
            t = g.maxMin(t, channels: 4, form: .relu)
            let pool = g.node("AveragePool", [g.node("Mul", [t, t])], nil, [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 2])])
            return g.node("Sqrt", [g.node("Mul", [pool, g.scalar(9)])])
        }
        // The chain went through every joint rule (so the probes above test them).
        let ops = out.criticalPath.map(\.op)
        #expect(ops.filter { $0 == "MaxMin" }.count == 2 && ops.contains("Conv (circular, exact)"), "\(ops)")
        #expect(ops.contains("L2 pooling") && ops.contains("Conv→Conv (segment)"), "\(ops)")
    }

    /// An SLL-form residual (dense, with a bias and a random non-negative scale) after Flatten, and a
    /// Gemm → Gemm segment with biases.
    @Test(arguments: [91, 92] as [UInt64]) func sllAndDenseSegments(seed: UInt64) throws {
        let out = try check(seed) { g, rng in
            let x = g.node("Flatten", ["x"])
            g.weight("A\(seed)", [72, 8], rng.normals(72 * 8).map { $0 * 0.2 })
            g.weight("b\(seed)", [8], rng.normals(8))
            g.weight("s\(seed)", [8], rng.normals(8).map { abs($0) })
            let u = g.node("Mul", [g.node("Relu", [g.node("Gemm", [x, "A\(seed)", "b\(seed)"])]), "s\(seed)"])
            let h = g.node("Sub", [x, g.node("Gemm", [u, "A\(seed)"], nil, [.int("transB", 1)])])
            g.weight("W1\(seed)", [72, 6], rng.normals(72 * 6).map { $0 * 0.2 })
            g.weight("c1\(seed)", [6], rng.normals(6))
            g.weight("W2\(seed)", [3, 6], rng.normals(18))
            g.weight("c2\(seed)", [3], rng.normals(3))
            let mid = g.node("Gemm", [h, "W1\(seed)", "c1\(seed)"])
            return g.node("Gemm", [mid, "W2\(seed)", "c2\(seed)"], nil, [.int("transB", 1)])
        }
        let ops = out.criticalPath.map(\.op)
        #expect(ops.contains("SLL residual") && ops.contains("Gemm→Gemm (segment)"), "\(ops)")
    }

    /// A gated unit `a·σ(b)` and a quotient `a/(1 + σ(b))` of two input-dependent convs (product and
    /// quotient rules with ranges).
    @Test(arguments: [51, 52] as [UInt64]) func productsAndQuotients(seed: UInt64) throws {
        try check(seed) { g, rng in
            let a = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, bias: true, rng: &rng)
            let b = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, bias: true, rng: &rng)
            let gate = g.node("Sigmoid", [b])
            let product = g.node("Mul", [a, gate])
            let quotient = g.node("Div", [a, g.node("Add", [gate, g.scalar(1)])])
            return g.node("Add", [product, quotient])
        }
    }
}
