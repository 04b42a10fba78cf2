import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Joint rules of spectral-methods §7 on networks whose true constant is known: MaxMin on disjoint halves,
/// circular convolutions, and the mixed BCOP-like network; near-misses keep the §6 rules and stay sound.
@Suite struct LipschitzByDesignTests {
    /// The empirical lower bounds of the probe (random pairs, finite-difference Jacobians), less a relative
    /// 1e-6 for the finite differences' own error (the bounds under test are tight to 1e-11).
    func probe(_ m: LoadedModel, shape: [Int], seed: UInt64) -> Double {
        var rng = SeededGenerator(seed: seed)
        let p = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: shape, range: -1...1)
        return max(p.largestRatio(pairs: 20, rng: &rng), p.largestJacobianNorm(points: 2, rng: &rng)) * (1 - 1e-6)
    }

    /// The exact norm of an affine model's linear part (explicit matrix `f(e_j) − f(0)` from the evaluator).
    func linearNorm(_ m: LoadedModel, shape: [Int]) -> Double {
        let count = shape.reduce(1, *)
        let offset = m.evaluator.outputVector(["x": ReferenceTensor(shape: shape, values: [Double](repeating: 0, count: count))])
        return DenseOperator.norm(inputs: count) { e in
            zip(m.evaluator.outputVector(["x": ReferenceTensor(shape: shape, values: e)]), offset).map { $0 - $1 }
        }
    }

    func pathProduct(_ out: OutputBound) -> Double { out.criticalPath.map(\.factor).reduce(1, *) }

    /// The model's single output is certified 1-Lipschitz tightly: bound in `[1, 1.001]`, above the probe,
    /// with `steps` joint steps named `step` on the critical path, whose factors multiply to the bound.
    func expectTightUnitBound(
        _ m: LoadedModel, shape: [Int], seed: UInt64, step: String, steps: Int, _ label: String = ""
    ) throws {
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= 1 - 1e-12 && upper <= 1.001, "\(label): \(upper)")
        #expect(upper >= probe(m, shape: shape, seed: seed))
        #expect(out.criticalPath.filter { $0.op == step }.count == steps, "\(out.criticalPath)")
        #expect(abs(pathProduct(out) / upper - 1) < 1e-12)
    }

    /// Orthogonal 1×1 conv then MaxMin, twice, in each export form: true constant exactly 1.
    @Test(arguments: GraphBuilder.MaxMinForm.allCases)
    func maxMinIsOneLipschitzJointly(form: GraphBuilder.MaxMinForm) throws {
        var rng = SeededGenerator(seed: 71)
        var g = GraphBuilder()
        let shape = [1, 4, 3, 3]
        g.input("x", shape)
        var t = "x"
        for _ in 0..<2 {
            t = g.maxMin(g.pointwise(t, OrthogonalMatrices.orthogonal(4, rng: &rng), channels: 4), channels: 4, form: form)
        }
        g.output(g.node("Identity", [t], "y"))
        try expectTightUnitBound(try g.load(), shape: shape, seed: 3, step: "MaxMin", steps: 2, "\(form)")
    }

    /// Max/Min of tensors that are not two disjoint halves of one parent are not a group: §6 rules, sound,
    /// and the path still multiplies to the bound.
    @Test func maxMinNearMissesKeepTheRootSumSquareRule() throws {
        var rng = SeededGenerator(seed: 72)
        var g = GraphBuilder()
        let shape = [1, 2, 4, 4]
        g.input("x", shape)
        let c = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        let overlapA = g.slice("x", axis: 1, start: 0, end: 2)
        let overlapB = g.slice("x", axis: 1, start: 0, end: 2)
        let mixed = g.node("Concat", [g.node("Max", ["x", c]), g.node("Min", ["x", c])], nil, [.int("axis", 1)])
        let overlapping = g.node("Concat", [g.node("Max", [overlapA, overlapB]), g.node("Min", [overlapA, overlapB])],
                                 nil, [.int("axis", 1)])
        g.output(g.node("Add", [mixed, overlapping], "y"))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op == "MaxMin" })
        #expect(upper >= probe(m, shape: shape, seed: 4))
        let chain = try GraphBuilder.chainOfMax(rng: &rng)
        let chainOut = try chain.bound().outputs[0]
        #expect(abs(pathProduct(chainOut) / (chainOut.upper ?? 0) - 1) < 1e-12, "\(chainOut.criticalPath)")
    }

    /// A random 3×3 conv after wrap padding (both export forms) is the circular convolution: the bound is its
    /// exact norm (dense SVD of the model's map) and the path labels it.
    @Test(arguments: GraphBuilder.WrapForm.allCases)
    func circularConvolutionIsExact(form: GraphBuilder.WrapForm) throws {
        let shape = [1, 2, 5, 4]
        let m = try Self.wrappedConv(shape: shape, form: form, convPad: 0, seed: 73)
        let truth = linearNorm(m, shape: shape)
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(form): \(upper) vs \(truth)")
        #expect(out.criticalPath.map(\.op) == ["Conv (circular, exact)", "Identity"])
    }

    /// x → wrap padding (one pixel per side, `form`) → random 2×2-channel 3×3 conv padding `convPad` → y.
    static func wrappedConv(shape: [Int], form: GraphBuilder.WrapForm, convPad: Int, seed: UInt64) throws -> LoadedModel {
        var rng = SeededGenerator(seed: seed)
        var g = GraphBuilder()
        g.input("x", shape)
        let w = rng.normals(2 * 2 * 9).map { $0 * 0.4 }
        let padded = g.wrapPad("x", shape: shape, form: form)
        g.output(g.node("Identity", [g.conv3(padded, weights: w, channels: 2, pad: convPad)], "y"))
        return try g.load()
    }

    /// A wrap pad followed by a conv that pads as well is not a circular convolution: §6 rules, still sound.
    @Test(arguments: GraphBuilder.WrapForm.allCases)
    func wrapPadThenPaddedConvIsNotCircular(form: GraphBuilder.WrapForm) throws {
        let shape = [1, 2, 4, 4]
        let m = try Self.wrappedConv(shape: shape, form: form, convPad: 1, seed: 74)
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op.contains("circular") })
        #expect(upper >= linearNorm(m, shape: shape))
    }

    /// The mixed network of the issue: 3 × (wrap pad, BCOP-like orthogonal 3×3 conv, MaxMin), SpaceToDepth,
    /// Flatten, a head with orthonormal rows. True constant ≤ 1 (exactly 1 along almost every direction).
    @Test(arguments: GraphBuilder.WrapForm.allCases)
    func mixedOrthogonalNetworkCertifiesOne(form: GraphBuilder.WrapForm) throws {
        var rng = SeededGenerator(seed: 75)
        var g = GraphBuilder()
        let shape = [1, 4, 4, 4]
        g.input("x", shape)
        var t = "x"
        for (k, maxMin) in [GraphBuilder.MaxMinForm.split, .slices, .relu].enumerated() {
            let w = OrthogonalMatrices.orthogonalKernel(4, rng: &rng)
            t = g.conv3(g.wrapPad(t, shape: shape, form: k == 1 ? .pad : form), weights: w, channels: 4, pad: 0)
            t = g.maxMin(t, channels: 4, form: maxMin)
        }
        t = g.node("Flatten", [g.node("SpaceToDepth", [t], nil, [.int("blocksize", 2)])])
        let head = Array(OrthogonalMatrices.orthogonal(64, rng: &rng).prefix(8 * 64))
        g.weight("head", [8, 64], head)
        g.output(g.node("Gemm", [t, "head"], "y", [.int("transB", 1)]))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper <= 1.001, "\(upper): \(out.criticalPath)")
        #expect(upper >= probe(m, shape: shape, seed: 5))
        #expect(abs(pathProduct(out) / upper - 1) < 1e-12)
    }

    /// Depthwise 3×3 → pointwise 1×1 and conv → BN → 1×1 conv, no activation: one linear operator whose norm
    /// (dense SVD of the model's map) the composed bound matches; the path shows the segment as one step.
    @Test(arguments: [true, false])
    func linearSegmentsCompose(depthwiseWithoutNorm: Bool) throws {
        var rng = SeededGenerator(seed: 76)
        var g = GraphBuilder()
        let shape = [1, 3, 5, 5]
        g.input("x", shape)
        var t = g.conv("x", cin: 3, cout: 3, k: 3, pad: 1, group: depthwiseWithoutNorm ? 3 : 1, bias: true, rng: &rng)
        if !depthwiseWithoutNorm {
            g.weight("gamma", [3], [3, -0.2, 0.5])
            g.weight("beta", [3], [0.1, 0.2, 0.3])
            g.weight("mean", [3], [0.5, -0.5, 0])
            g.weight("var", [3], [0.25, 4, 1])
            t = g.node("BatchNormalization", [t, "gamma", "beta", "mean", "var"])
        }
        t = g.conv(t, cin: 3, cout: 4, k: 1, rng: &rng, scale: 1)
        g.output(g.node("Identity", [t], "y"))
        let m = try g.load()
        let truth = linearNorm(m, shape: shape)
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(upper) vs \(truth)")
        #expect(out.criticalPath.map(\.op) == ["Conv→Conv (segment)", "Identity"])
    }

    /// Two spatial convs with zero padding between do not compose as a segment: the product of their norms.
    @Test func twoSpatialConvsKeepTheProduct() throws {
        var rng = SeededGenerator(seed: 77)
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let first = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        g.output(g.conv(first, cin: 2, cout: 2, k: 3, pad: 1, rng: &rng))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let exact = ExactOperatorBounds()
        let product = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
            * exact.upperBound(conv: m.conv(1), outputChannelScale: nil)
        #expect(abs(try #require(out.upper) / product - 1) < 1e-9)
        #expect(out.criticalPath.map(\.op) == ["Conv", "Conv"])
    }

    /// Three SLL residual layers `x − relu(x·A + b)·diag(2/t)·Aᵀ`, `t_i = Σ_j |AᵀA|_ij` (Gemm form): true
    /// constant exactly 1; with one entry of the outer weight changed the sharing is not verified (§6 rules).
    @Test(arguments: [false, true])
    func sllResidualLayersAreOneLipschitz(nearMiss: Bool) throws {
        var rng = SeededGenerator(seed: 78)
        var g = GraphBuilder()
        let (n, m) = (6, 4)
        g.input("x", [1, n])
        var t = "x"
        for layer in 0..<3 {
            let a = rng.normals(n * m).map { $0 * 0.7 }
            var ata = [Double](repeating: 0, count: m * m)
            for i in 0..<m { for j in 0..<m { for k in 0..<n { ata[i * m + j] += a[k * m + i] * a[k * m + j] } } }
            let s = (0..<m).map { i in 2 / (0..<m).map { abs(ata[i * m + $0]) }.reduce(0, +) }
            var outer = a
            if nearMiss && layer == 1 { outer[3] += 0.01 }
            g.weight("A\(layer)", [n, m], a)
            g.weight("B\(layer)", [n, m], outer)
            g.weight("b\(layer)", [m], rng.normals(m).map { $0 * 0.1 })
            g.weight("s\(layer)", [m], s)
            let z = g.node("Gemm", [t, "A\(layer)", "b\(layer)"])
            let u = g.node("Mul", [g.node("Relu", [z]), "s\(layer)"])
            t = g.node("Sub", [t, g.node("Gemm", [u, "B\(layer)"], nil, [.int("transB", 1)])])
        }
        g.output(g.node("Identity", [t], "y"))
        let m0 = try g.load()
        let out = try m0.bound().outputs[0]
        let upper = try #require(out.upper)
        var probeRng = SeededGenerator(seed: 6)
        let p = SoundnessProbe(evaluator: m0.evaluator, input: "x", shape: [1, n], range: -2...2)
        let empirical = max(p.largestRatio(pairs: 40, rng: &probeRng), p.largestJacobianNorm(points: 4, rng: &probeRng))
        #expect(upper >= empirical * (1 - 1e-6))
        let steps = out.criticalPath.filter { $0.op == "SLL residual" }.count
        if nearMiss {
            #expect(steps == 2 && upper > 1.001, "\(upper) \(out.criticalPath)")
            #expect(out.criticalPath.contains { $0.op.hasPrefix("Sub (SLL-like residual kept the sum rule") })
        } else {
            #expect(upper >= 1 && upper <= 1.001, "\(upper)")
            #expect(steps == 3)
        }
    }

    /// L2-norm pooling `Sqrt(k·AveragePool(x²))`, 2×2 stride 2 (no overlap) and 3×3 stride 2 (overlap 2 per
    /// axis): factor 1 and 2; both are the true constants (attained by a perturbation of one shared pixel).
    @Test(arguments: [(2, 1.0), (3, 2.0)])
    func l2PoolingIsTheWindowNorm(kernel: Int, expected: Double) throws {
        var g = GraphBuilder()
        let shape = [1, 1, 5, 5]
        g.input("x", shape)
        let square = g.node("Mul", ["x", "x"])
        let pool = g.node("AveragePool", [square], nil, [
            .ints("kernel_shape", [Int64(kernel), Int64(kernel)]), .ints("strides", [2, 2]),
        ])
        g.output(g.node("Sqrt", [g.node("Mul", [pool, g.scalar(Double(kernel * kernel))])], "y"))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(abs(upper - expected) < 1e-12)
        #expect(out.criticalPath.map(\.op) == ["L2 pooling"])
        // Attained: from x = e_p with p = (2, 2) in `overlap` windows, each window norm moves by the full step.
        var x = [Double](repeating: 0, count: 25)
        x[2 * 5 + 2] = 1
        let evaluator = m.evaluator
        let f0 = evaluator.outputVector(["x": ReferenceTensor(shape: shape, values: x)])
        x[2 * 5 + 2] += 1e-6
        let f1 = evaluator.outputVector(["x": ReferenceTensor(shape: shape, values: x)])
        let ratio = zip(f0, f1).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() / 1e-6
        #expect(abs(ratio / upper - 1) < 1e-6)
        #expect(upper >= probe(m, shape: shape, seed: 7))
    }

    /// Gemm → Gemm (transB on the second, a bias on the first) is one dense map: the bound is its norm.
    @Test func gemmThenGemmComposes() throws {
        var rng = SeededGenerator(seed: 79)
        var g = GraphBuilder()
        g.input("x", [1, 6])
        g.weight("W1", [6, 5], rng.normals(30))
        g.weight("b1", [5], rng.normals(5))
        g.weight("W2", [4, 5], rng.normals(20))
        let h = g.node("Gemm", ["x", "W1", "b1"])
        g.output(g.node("Gemm", [h, "W2"], "y", [.int("transB", 1)]))
        let m = try g.load()
        let truth = linearNorm(m, shape: [1, 6])
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(upper) vs \(truth)")
        #expect(out.criticalPath.map(\.op) == ["Gemm→Gemm (segment)"])
    }

    /// Two SLL layers in conv form `x − ConvTranspose_W(s·relu(Conv_W(x) + b))` with `s = 1.9/‖Conv_W‖²`: true
    /// constant 1; with the ConvTranspose reading a different (one entry changed) weight: not matched.
    @Test(arguments: [false, true])
    func convSLLResidualLayersAreOneLipschitz(nearMiss: Bool) throws {
        var rng = SeededGenerator(seed: 80)
        var g = GraphBuilder()
        let shape = [1, 3, 4, 4]
        g.input("x", shape)
        var t = "x"
        let attributes: [ONNXWriter.Attribute] = [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]
        for layer in 0..<2 {
            let w = rng.normals(4 * 3 * 9).map { $0 * 0.5 }
            g.weight("W\(layer)", [4, 3, 3, 3], w)
            var other = w
            other[5] += 0.01
            g.weight("V\(layer)", [4, 3, 3, 3], other)
            g.weight("bias\(layer)", [4], rng.normals(4).map { $0 * 0.1 })
            let inner = g.node("Conv", [t, "W\(layer)", "bias\(layer)"], nil, attributes)
            let m0 = try g.load()
            let norm = try ExactOperatorBounds().upperBound(conv: m0.layers.convs.last!, outputChannelScale: nil)
            g.weight("s\(layer)", [1, 4, 1, 1], [Double](repeating: 1.9 / (norm * norm), count: 4))
            let u = g.node("Mul", [g.node("Relu", [inner]), "s\(layer)"])
            let outerWeight = nearMiss && layer == 1 ? "V\(layer)" : "W\(layer)"
            t = g.node("Sub", [t, g.node("ConvTranspose", [u, outerWeight], nil, attributes)])
        }
        g.output(g.node("Identity", [t], "y"))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= probe(m, shape: shape, seed: 8))
        let steps = out.criticalPath.filter { $0.op == "SLL residual" }.count
        if nearMiss {
            #expect(steps == 1 && upper > 1.001, "\(upper) \(out.criticalPath)")
            #expect(out.criticalPath.contains { $0.op.hasPrefix("Sub (SLL-like residual kept the sum rule") })
        } else {
            #expect(upper >= 1 && upper <= 1.001, "\(upper)")
            #expect(steps == 2)
        }
    }
}

extension GraphBuilder {
    /// x → conv → Max(conv, x) → y: a chain with one root-sum-square node.
    static func chainOfMax(rng: inout SeededGenerator) throws -> LoadedModel {
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 4])
        let c = g.conv("x", cin: 2, cout: 2, k: 3, pad: 1, rng: &rng)
        g.output(g.node("Max", [c, "x"], "y"))
        return try g.load()
    }
}
