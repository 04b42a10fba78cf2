import Testing
import ONNXModel
import SpectralKit
import TestSupport
@testable import LipschitzKit

/// `Conv → [per-channel scale] → Flatten/Reshape → Gemm/MatMul` (spectral-methods §7.3): one fixed linear map,
/// certified at its size by the dense figure of its explicit matrix. The truth is the top singular value of
/// the composed matrix built independently: the conv's matrix from `DenseOperator.conv`, its rows scaled, then
/// multiplied by the dense weight.
extension LipschitzByDesignTests {
    enum DenseForm: String, CaseIterable, Sendable { case gemmTransB, gemm, matMul }
    enum SegmentScaler: String, CaseIterable, Sendable { case none, batchNorm, mul, div }
    enum FlattenForm: String, CaseIterable, Sendable { case flatten, reshape }

    struct ConvDenseCase: Sendable, CustomStringConvertible {
        var cin: Int, cout: Int, k: Int, stride: Int, pad: Int, group: Int
        var input: (Int, Int)
        var outputs: Int
        var dense: DenseForm
        var scaler: SegmentScaler
        var flatten: FlattenForm
        var alpha: Double = 1
        var seed: UInt64

        var description: String {
            "cin \(cin) cout \(cout) k \(k) s \(stride) p \(pad) g \(group) in \(input) P \(outputs) \(dense) \(scaler) \(flatten) α \(alpha)"
        }

        static let all: [ConvDenseCase] = [
            .init(cin: 2, cout: 3, k: 3, stride: 1, pad: 1, group: 1, input: (4, 4), outputs: 5, dense: .gemmTransB,
                  scaler: .none, flatten: .flatten, seed: 91),
            .init(cin: 2, cout: 4, k: 3, stride: 2, pad: 1, group: 2, input: (5, 6), outputs: 3, dense: .gemm,
                  scaler: .batchNorm, flatten: .reshape, seed: 92),
            .init(cin: 3, cout: 2, k: 2, stride: 2, pad: 0, group: 1, input: (4, 5), outputs: 6, dense: .matMul,
                  scaler: .mul, flatten: .flatten, seed: 93),
            .init(cin: 1, cout: 4, k: 3, stride: 1, pad: 0, group: 1, input: (5, 5), outputs: 4, dense: .gemmTransB,
                  scaler: .div, flatten: .reshape, alpha: -0.7, seed: 94),
            .init(cin: 2, cout: 2, k: 5, stride: 3, pad: 2, group: 1, input: (6, 4), outputs: 2, dense: .gemm,
                  scaler: .batchNorm, flatten: .flatten, seed: 95),
            .init(cin: 4, cout: 4, k: 1, stride: 1, pad: 0, group: 4, input: (3, 3), outputs: 7, dense: .matMul,
                  scaler: .none, flatten: .reshape, seed: 96),
        ]
    }

    /// A built segment model with its independently composed matrix.
    struct ConvDenseModel {
        var model: LoadedModel
        var shape: [Int]
        var composed: DenseOperator.Matrix
        /// The §6 product `‖T‖·max|s|·|α|·‖W‖` of the exact norms.
        var product: Double
    }

    /// x → Conv → [scale] → Flatten/Reshape → dense → y, and the matrix `Wᵀ·S·T` built from the oracle.
    static func convDense(_ c: ConvDenseCase) throws -> ConvDenseModel {
        var rng = SeededGenerator(seed: c.seed)
        var g = GraphBuilder()
        let shape = [1, c.cin, c.input.0, c.input.1]
        g.input("x", shape)
        let def = ConvDefinition(
            weight: rng.normals(c.cout * (c.cin / c.group) * c.k * c.k).map { $0 * 0.4 },
            weightShape: (c.cout, c.cin / c.group, c.k, c.k), strides: (c.stride, c.stride),
            pads: (c.pad, c.pad, c.pad, c.pad), group: c.group)
        g.weight("K", [c.cout, c.cin / c.group, c.k, c.k], def.weight)
        g.weight("kb", [c.cout], rng.normals(c.cout))
        var t = g.node("Conv", ["x", "K", "kb"], nil, [
            .ints("kernel_shape", [Int64(c.k), Int64(c.k)]), .ints("strides", [Int64(c.stride), Int64(c.stride)]),
            .ints("pads", [Int64](repeating: Int64(c.pad), count: 4)), .int("group", Int64(c.group)),
        ])
        let spread = (0..<c.cout).map { [3.0, 0.05, -1.4, 0.6][$0 % 4] * (1 + 0.1 * Double($0)) }
        var scale = [Double](repeating: 1, count: c.cout)
        switch c.scaler {
        case .none:
            break
        case .batchNorm:
            let variance = (0..<c.cout).map { 0.5 + 0.25 * Double($0) }
            g.weight("gamma", [c.cout], spread)
            g.weight("beta", [c.cout], rng.normals(c.cout))
            g.weight("mean", [c.cout], rng.normals(c.cout))
            g.weight("var", [c.cout], variance)
            t = g.node("BatchNormalization", [t, "gamma", "beta", "mean", "var"])
            scale = zip(spread, variance).map { $0 / ($1 + 1e-5).squareRoot() }
        case .mul:
            g.weight("s", [1, c.cout, 1, 1], spread)
            t = g.node("Mul", ["s", t])
            scale = spread
        case .div:
            g.weight("s", [c.cout, 1, 1], spread)
            t = g.node("Div", [t, "s"])
            scale = spread.map { 1 / $0 }
        }
        let oracle = DenseOperator.conv(def, input: c.input.0, c.input.1)
        let features = oracle.rows
        let plane = features / c.cout
        switch c.flatten {
        case .flatten:
            t = g.node("Flatten", [t], nil, [.int("axis", 1)])
        case .reshape:
            g.ints("target", [1, -1])
            t = g.node("Reshape", [t, "target"])
        }
        // The dense weight as W' (features × outputs): y = flat·W'.
        let right = rng.normals(features * c.outputs).map { $0 / Double(features).squareRoot() }
        switch c.dense {
        case .gemmTransB:
            var b = [Double](repeating: 0, count: right.count)
            for i in 0..<features { for j in 0..<c.outputs { b[j * features + i] = right[i * c.outputs + j] } }
            g.weight("W", [c.outputs, features], b)
            g.weight("bias", [c.outputs], rng.normals(c.outputs))
            g.output(g.node("Gemm", [t, "W", "bias"], "y", [.int("transB", 1), .float("alpha", Float(c.alpha))]))
        case .gemm:
            g.weight("W", [features, c.outputs], right)
            g.output(g.node("Gemm", [t, "W"], "y", [.int("transB", 0), .float("alpha", Float(c.alpha))]))
        case .matMul:
            g.weight("W", [features, c.outputs], right)
            g.output(g.node("MatMul", [t, "W"], "y"))
        }
        let alpha = c.dense == .matMul ? 1 : Double(Float(c.alpha))
        // M[p, j] = α·Σ_r W'[r, p]·s_{r / plane}·T[r, j].
        var m = [Double](repeating: 0, count: c.outputs * oracle.cols)
        for p in 0..<c.outputs {
            for r in 0..<features {
                let v = alpha * right[r * c.outputs + p] * scale[r / plane]
                for j in 0..<oracle.cols { m[p * oracle.cols + j] += v * oracle.values[r * oracle.cols + j] }
            }
        }
        let product = norm(oracle) * (scale.map(abs).max() ?? 0) * abs(alpha)
            * norm(DenseOperator.Matrix(values: right, rows: features, cols: c.outputs))
        return ConvDenseModel(
            model: try g.load(), shape: shape, composed: DenseOperator.Matrix(values: m, rows: c.outputs, cols: oracle.cols),
            product: product)
    }

    static func norm(_ m: DenseOperator.Matrix) -> Double {
        DenseSVD.singularValues(real: m.values, rows: m.rows, cols: m.cols).first ?? 0
    }

    /// The bound is the composed matrix's norm (within [truth, 1.001·truth]), below the product of the two
    /// layers' exact norms, shown as one segment step whose factor is the bound; above the probes.
    @Test(arguments: ConvDenseCase.all)
    func convFlattenDenseComposes(c: ConvDenseCase) throws {
        let built = try Self.convDense(c)
        let truth = Self.norm(built.composed)
        let out = try built.model.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(upper >= truth && upper <= 1.001 * truth, "\(c): \(upper) vs \(truth)")
        let op = c.dense == .matMul ? "MatMul" : "Gemm"
        #expect(out.criticalPath.map(\.op) == ["Conv→\(op) (segment)"], "\(c): \(out.criticalPath)")
        #expect(abs(pathProduct(out) / upper - 1) < 1e-12)
        #expect(upper >= probe(built.model, shape: built.shape, seed: c.seed))
        #expect(upper < built.product, "\(c): \(upper) vs product \(built.product)")
    }

    /// The size-independent bound (the `asymptotic` option) takes every conv input size the flattened size
    /// allows: here a stride-2 conv whose 4×4 output comes from 7×7 or 8×8 inputs, and whose 16 output pixels
    /// could also be 2×8, 8×2, 1×16 or 16×1. The bound is at least each of those compositions' norms.
    @Test func everySizeBoundCoversEveryInputSizeTheDenseLayerAccepts() throws {
        let c = ConvDenseCase(cin: 1, cout: 2, k: 3, stride: 2, pad: 1, group: 1, input: (7, 7), outputs: 3,
                              dense: .gemmTransB, scaler: .none, flatten: .flatten, seed: 97)
        let built = try Self.convDense(c)
        let out = try built.model.bound(.init()).outputs[0]
        let upper = try #require(out.upper)
        #expect(out.criticalPath.map(\.op) == ["Conv→Gemm (segment)"], "\(out.criticalPath)")
        var truths: [Double] = []
        for input in [(7, 7), (8, 8), (4, 16), (16, 4), (2, 32), (32, 2), (8, 7)] {
            var other = c
            other.input = input
            let composed = try Self.convDense(other).composed
            // Same weights (same seed), so the same dense layer once the conv output has 16 pixels.
            truths.append(Self.norm(composed))
        }
        #expect(truths.allSatisfy { upper >= $0 }, "\(upper) vs \(truths)")
        #expect(upper <= 1.001 * (truths.max() ?? 0), "\(upper) vs \(truths)")
    }

    enum ConvDenseNearMiss: String, CaseIterable, Sendable { case reluBetween, transposeBefore, reshapeNotFlatten }

    /// Near-misses do not compose: a ReLU between conv and Flatten, a Transpose before the Flatten, and a
    /// Reshape to `(C, H·W)` with a MatMul over the pixels (the path names why). All stay sound.
    @Test(arguments: ConvDenseNearMiss.allCases)
    func convDenseNearMissesKeepTheProduct(nearMiss: ConvDenseNearMiss) throws {
        var rng = SeededGenerator(seed: 98)
        var g = GraphBuilder()
        let shape = [1, 2, 3, 3]
        g.input("x", shape)
        var t = g.conv("x", cin: 2, cout: 3, k: 3, pad: 1, bias: true, rng: &rng)
        let features: Int
        switch nearMiss {
        case .reluBetween:
            t = g.node("Flatten", [g.node("Relu", [t])], nil, [.int("axis", 1)])
            features = 27
        case .transposeBefore:
            t = g.node("Flatten", [g.node("Transpose", [t], nil, [.ints("perm", [0, 1, 3, 2])])], nil, [.int("axis", 1)])
            features = 27
        case .reshapeNotFlatten:
            g.ints("target", [3, 9])
            t = g.node("Reshape", [t, "target"])
            features = 9
        }
        g.weight("W", [features, 4], rng.normals(features * 4).map { $0 * 0.3 })
        g.output(g.node("MatMul", [t, "W"], "y"))
        let m = try g.load()
        let out = try m.bound().outputs[0]
        let upper = try #require(out.upper)
        #expect(!out.criticalPath.contains { $0.op.contains("(segment)") }, "\(nearMiss): \(out.criticalPath)")
        #expect(upper >= probe(m, shape: shape, seed: 99))
        if nearMiss != .reluBetween { #expect(upper >= linearNorm(m, shape: shape)) }
        if nearMiss == .reshapeNotFlatten {
            #expect(out.criticalPath.contains { $0.op.contains("not composed with the conv") }, "\(out.criticalPath)")
        }
        #expect(abs(pathProduct(out) / upper - 1) < 1e-12)
    }

    /// `auto_pad = SAME_UPPER` with stride 2: the padding depends on the input size, so the size-independent
    /// bound keeps the product and the dense step says why; the size-specific bound composes (and is tight).
    @Test func sameAutoPadComposesOnlyAtTheModelSize() throws {
        var rng = SeededGenerator(seed: 102)
        var g = GraphBuilder()
        let shape = [1, 2, 5, 5]
        g.input("x", shape)
        let k = rng.normals(54).map { $0 * 0.4 }
        g.weight("K", [3, 2, 3, 3], k)
        let c = g.node("Conv", ["x", "K"], nil, [
            .ints("kernel_shape", [3, 3]), .ints("strides", [2, 2]), .string("auto_pad", "SAME_UPPER"),
        ])
        let w = rng.normals(108).map { $0 * 0.2 }
        g.weight("W", [4, 27], w)
        g.output(g.node("Gemm", [g.node("Flatten", [c]), "W"], "y", [.int("transB", 1)]))
        let m = try g.load()
        let every = try m.bound(.init()).outputs[0]
        #expect(every.criticalPath.contains { $0.op.hasPrefix("Gemm (not composed with the conv: auto_pad SAME_UPPER") },
                "\(every.criticalPath)")
        let atSize = try m.bound().outputs[0]
        let upper = try #require(atSize.upper)
        // SAME_UPPER on 5 with kernel 3, stride 2: output 3, one pixel of padding on each side.
        let t = DenseOperator.conv(ConvDefinition(weight: k, weightShape: (3, 2, 3, 3), strides: (2, 2), pads: (1, 1, 1, 1)),
                                   input: 5, 5)
        var composed = [Double](repeating: 0, count: 4 * t.cols)
        for p in 0..<4 { for r in 0..<27 { for j in 0..<t.cols { composed[p * t.cols + j] += w[p * 27 + r] * t.values[r * t.cols + j] } } }
        let truth = Self.norm(DenseOperator.Matrix(values: composed, rows: 4, cols: t.cols))
        #expect(atSize.criticalPath.map(\.op) == ["Conv→Gemm (segment)"], "\(atSize.criticalPath)")
        #expect(upper >= truth && upper <= 1.001 * truth, "\(upper) vs \(truth)")
    }

    /// A segment whose matrix would take more than `ConvDenseComposition.maxWork` multiply-adds to form (a
    /// 17×17 conv over 8 channels into a 256-output dense layer) is not composed, and the path says so.
    /// Cheap closed-form per-layer bounds keep the test fast; the composed figure is never asked for.
    @Test func segmentOverTheWorkCapKeepsTheProduct() throws {
        var rng = SeededGenerator(seed: 103)
        var g = GraphBuilder()
        g.input("x", [1, 8, 16, 16])
        let c = g.conv("x", cin: 8, cout: 16, k: 17, pad: 8, rng: &rng)
        g.weight("W", [16 * 16 * 16, 256], rng.normals(16 * 16 * 16 * 256).map { $0 * 0.01 })
        g.output(g.node("MatMul", [g.node("Flatten", [c]), "W"], "y"))
        let m = try g.load()
        let out = try NetworkBoundCalculator(model: m.model, layers: m.layers, bounds: ClosedFormLayerBounds(),
                                             options: .init()).compute().outputs[0]
        #expect(out.upper != nil)
        #expect(out.criticalPath.contains { $0.op.contains("not composed with the conv: the composed matrix is over the size cap") },
                "\(out.criticalPath)")
    }
}
