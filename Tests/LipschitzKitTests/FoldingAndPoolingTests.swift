import Testing
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// BatchNormalization folding and the pooling/resampling factors of §6.
@Suite struct FoldingAndPoolingTests {
    let exact = ExactOperatorBounds()

    /// conv → BN with very different per-channel gains: the folded bound is the norm of the scaled kernel and
    /// is below `‖conv‖·max|γ/√(var+ε)|`.
    @Test func batchNormFoldsIntoThePrecedingConv() throws {
        var rng = SeededGenerator(seed: 5)
        var g = GraphBuilder()
        g.input("x", [1, 2, 5, 5])
        let c = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, rng: &rng)
        g.weight("gamma", [3], [4, -0.1, 0.2])
        g.weight("beta", [3], [0.1, 0.2, 0.3])
        g.weight("mean", [3], [0.5, -0.5, 0])
        g.weight("var", [3], [0.25, 4, 1])
        g.output(g.node("BatchNormalization", [c, "gamma", "beta", "mean", "var"], "y", [.float("epsilon", 1e-3)]))
        let m = try g.load()
        let scale = [4 / (0.25 + 1e-3).squareRoot(), -0.1 / (4 + 1e-3).squareRoot(), 0.2 / (1 + 1e-3).squareRoot()]
        // Independently: the exact norm of the conv with its output channels scaled.
        let folded = try exact.upperBound(conv: m.conv(0), outputChannelScale: scale)
        let plain = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let result = try m.bound()
        let upper = try #require(result.outputs[0].upper)
        #expect(abs(upper / folded - 1) < 1e-9)
        #expect(upper < plain * scale.map(abs).max()! * 0.99)
        #expect(result.outputs[0].criticalPath.map(\.op) == ["Conv", "BatchNormalization"])
        #expect(result.outputs[0].criticalPath[1].factor == 1)
        // The naive product uses the conv's own bound.
        #expect(abs(try #require(result.naiveProduct) / plain - 1) < 1e-12)
    }

    /// A BN whose input also feeds another node is not folded: diagonal `max|γ/√(var+ε)|`.
    @Test func batchNormNotFoldedWhenTheConvOutputIsShared() throws {
        var rng = SeededGenerator(seed: 6)
        var g = GraphBuilder()
        g.input("x", [1, 1, 4, 4])
        let c = g.conv("x", cin: 1, cout: 2, k: 3, pad: 1, rng: &rng)
        g.weight("gamma", [2], [3, 1])
        g.weight("beta", [2], [0, 0])
        g.weight("mean", [2], [0, 0])
        g.weight("var", [2], [1, 1])
        let bn = g.node("BatchNormalization", [c, "gamma", "beta", "mean", "var"], nil, [.float("epsilon", 0)])
        g.output(g.node("Add", [bn, c], "y"))
        let m = try g.load()
        let plain = try exact.upperBound(conv: m.conv(0), outputChannelScale: nil)
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(abs(upper / (plain * 3 + plain) - 1) < 1e-9)
    }

    @Test func overlappingMaxPoolHasFactorTwo() throws {
        var g = GraphBuilder()
        g.input("x", [1, 1, 7, 7])
        g.output(g.node("MaxPool", ["x"], "y", [.ints("kernel_shape", [3, 3]), .ints("strides", [2, 2])]))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        #expect(out.upper == 2)
        #expect(out.criticalPath == [PathStep(node: "MaxPool1", op: "MaxPool", factor: 2)])
        // Dilation 2 with stride 2: all three taps of a row hit the same residue → m = 3 per axis.
        #expect(PoolGeometry.maxOverlap(kernel: 3, stride: 2, dilation: 2) == 3)
        #expect(PoolGeometry.maxOverlap(kernel: 2, stride: 2, dilation: 1) == 1)
        // The bound is attained: one pixel in 4 windows moves all 4 outputs.
        var rng = SeededGenerator(seed: 7)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 1, 7, 7], range: 0...1)
        #expect(probe.largestJacobianNorm(points: 3, rng: &rng) <= 2 + 1e-6)
    }

    @Test func averagePoolSchurBounds() throws {
        // 2×2 stride 2: exactly 1/2; 3×3 stride 2 without padding: √(2/3)² = 2/3.
        #expect(abs(PoolGeometry.averageSchur(n: 8, kernel: 2, stride: 2, dilation: 1, pads: (0, 0), ceilMode: false, countIncludePad: false) - 0.5.squareRoot()) < 1e-12)
        let k3 = PoolGeometry.averageSchur(n: 9, kernel: 3, stride: 2, dilation: 1, pads: (0, 0), ceilMode: false, countIncludePad: false)
        #expect(abs(k3 * k3 - 2.0 / 3) < 1e-12)
        for includePad in [0, 1] {
            var g = GraphBuilder()
            g.input("x", [1, 1, 6, 6])
            g.output(g.node("AveragePool", ["x"], "y", [
                .ints("kernel_shape", [3, 3]), .ints("strides", [2, 2]), .ints("pads", [1, 1, 1, 1]),
                .int("count_include_pad", Int64(includePad)),
            ]))
            let m = try g.load()
            let upper = try #require(try m.bound().outputs[0].upper)
            var rng = SeededGenerator(seed: 8)
            let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 1, 6, 6], range: 0...1)
            let exactNorm = probe.largestJacobianNorm(points: 1, rng: &rng)  // linear: the Jacobian is the operator
            #expect(upper >= exactNorm * (1 - 1e-6))
            #expect(upper <= 1.5 * exactNorm)
        }
    }

    @Test func reflectPadCopiesPixelsTwicePerAxis() throws {
        var g = GraphBuilder()
        g.input("x", [1, 1, 5, 5])
        g.ints("pads", [0, 0, 1, 1, 0, 0, 1, 1])
        g.weight("shift", [1, 1, 3, 3], [0, 0, 0, 0, 0, 0, 0, 0, 1])
        let padded = g.node("Pad", ["x", "pads"], nil, [.string("mode", "reflect")])
        g.output(g.node("Conv", [padded, "shift"], "y", [.ints("kernel_shape", [3, 3])]))
        let m = try g.load()
        let result = try m.bound()
        // Pad factor √(2·2) = 2, shift conv norm ≤ 1: the composition has norm exactly 2 (§6, checked).
        #expect(result.outputs[0].criticalPath.first?.factor == 2)
        let upper = try #require(result.outputs[0].upper)
        var rng = SeededGenerator(seed: 9)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 1, 5, 5], range: 0...1)
        let norm = probe.largestJacobianNorm(points: 1, rng: &rng)
        #expect(abs(norm - 2) < 1e-6)
        #expect(upper >= norm - 1e-9 && upper <= 2 * (1 + 1e-9))
        #expect(PadGeometry.multiplicity(n: 5, begin: 2, end: 1, mode: "edge") == 3)
        #expect(PadGeometry.multiplicity(n: 1, begin: 2, end: 1, mode: "edge") == 4)
    }

    @Test func nearestResizeByIntegerFactors() throws {
        var g = GraphBuilder()
        g.input("x", [1, 1, 3, 4])
        g.weight("roi", [0], [])
        g.weight("scales", [4], [1, 1, 2, 3])
        g.output(g.node("Resize", ["x", "roi", "scales"], "y", [
            .string("mode", "nearest"), .string("coordinate_transformation_mode", "asymmetric"),
            .string("nearest_mode", "floor"),
        ]))
        let m = try g.load()
        let upper = try #require(try m.bound().outputs[0].upper)
        #expect(abs(upper - 6.0.squareRoot()) < 1e-12)
        #expect(ResizeGeometry.nearestMultiplicity(inSize: 4, outSize: 8, scale: 2, coordinateMode: "half_pixel", nearestMode: "round_prefer_floor") == 2)
        // align_corners 3 → 5: sources 0, 0.5, 1, 1.5, 2 round (ties down) to 0, 0, 1, 1, 2.
        #expect(ResizeGeometry.nearestMultiplicity(inSize: 3, outSize: 5, scale: 5.0 / 3, coordinateMode: "align_corners", nearestMode: "round_prefer_floor") == 2)
    }

    @Test func globalAveragePoolIsOneOverRootOfItsSize() throws {
        var g = GraphBuilder()
        g.input("x", [1, 2, 4, 9])
        g.output(g.node("GlobalAveragePool", ["x"], "y"))
        let upper = try #require(try g.load().bound().outputs[0].upper)
        #expect(abs(upper - 1.0 / 6) < 1e-12)
    }
}

/// Linear Resize: the per-axis Schur bound is certified against the exact operator norm.
@Suite struct LinearResizeTests {
    @Test(arguments: ["half_pixel", "asymmetric", "align_corners"])
    func linearResizeIsBoundedByItsSchurTest(mode: String) throws {
        var g = GraphBuilder()
        g.input("x", [1, 1, 3, 5])
        g.weight("roi", [0], [])
        g.weight("scales", [4], [1, 1, 2, 1.6])
        g.output(g.node("Resize", ["x", "roi", "scales"], "y", [
            .string("mode", "linear"), .string("coordinate_transformation_mode", mode),
        ]))
        let m = try g.load()
        let upper = try #require(try m.bound().outputs[0].upper)
        var rng = SeededGenerator(seed: 80)
        let probe = SoundnessProbe(evaluator: m.evaluator, input: "x", shape: [1, 1, 3, 5], range: 0...1)
        let norm = probe.largestJacobianNorm(points: 1, rng: &rng)  // linear: the operator norm
        #expect(upper >= norm * (1 - 1e-6), "\(mode): \(upper) < \(norm)")
        #expect(upper <= 1.5 * norm, "\(mode): \(upper) loose vs \(norm)")
    }
}
