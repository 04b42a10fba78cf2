import Foundation
import ONNXModel
import SpectralKit
import Testing
import TestSupport

@testable import Analysis

/// `Conv → BatchNormalization → Flatten → Gemm` through the whole analysis (the dense figure the analysis
/// computes for the composed matrix, spectral-methods §7.3): the network bound is one segment step, at least
/// the composed map's norm at the model's size (dense SVD of the independently built matrix) and within 1.001
/// of it with `--size-specific`.
@Suite struct ConvDenseSegmentAnalysisTests {
    @Test(arguments: [false, true])
    func convBatchNormFlattenGemmIsOneCertifiedStep(sizeSpecific: Bool) throws {
        var rng = SeededGenerator(seed: 111)
        let (cin, cout, n, outputs) = (2, 3, 5, 4)
        let def = ConvDefinition(
            weight: rng.normals(cout * cin * 9).map { Double(Float($0 * 0.4)) }, weightShape: (cout, cin, 3, 3),
            pads: (1, 1, 1, 1))
        let gamma = [2.0, 0.1, -0.7], variance = [0.5, 1.5, 0.8]
        let features = cout * n * n
        let fc = rng.normals(outputs * features).map { Double(Float($0 * 0.2)) }
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(op: "Conv", inputs: ["x", "w"], outputs: ["c"], name: "conv",
                                attributes: [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])]),
                ONNXWriter.node(op: "BatchNormalization", inputs: ["c", "gamma", "beta", "mean", "var"], outputs: ["b"],
                                name: "bn"),
                ONNXWriter.node(op: "Flatten", inputs: ["b"], outputs: ["f"], name: "flatten"),
                ONNXWriter.node(op: "Gemm", inputs: ["f", "fc"], outputs: ["y"], name: "fc", attributes: [.int("transB", 1)]),
            ],
            initializers: [
                ONNXWriter.tensor(name: "w", dims: [Int64(cout), Int64(cin), 3, 3], floats: def.weight.map { Float($0) }),
                ONNXWriter.tensor(name: "gamma", dims: [3], floats: gamma.map { Float($0) }),
                ONNXWriter.tensor(name: "beta", dims: [3], floats: [0.1, -0.2, 0.3]),
                ONNXWriter.tensor(name: "mean", dims: [3], floats: [0.5, 0, -0.5]),
                ONNXWriter.tensor(name: "var", dims: [3], floats: variance.map { Float($0) }),
                ONNXWriter.tensor(name: "fc", dims: [Int64(outputs), Int64(features)], floats: fc.map { Float($0) }),
            ],
            inputs: [ONNXWriter.valueInfo(name: "x", elementType: .float, shape: [1, 2, 5, 5])],
            outputs: [ONNXWriter.valueInfo(name: "y", elementType: .float, shape: nil)])
        let directory = try FileIO.makeTemporaryDirectory("liplint-segment")
        defer { FileIO.remove(directory) }
        try FileIO.write(ONNXWriter.model(opsets: [("", 17)], graph: graph), to: directory + "/m.onnx")
        let analysis = try ModelAnalyzer(options: AnalysisOptions(bounds: sizeSpecific ? .standard : .fast, sizeSpecific: sizeSpecific))
            .analyze(path: directory + "/m.onnx")
        let out = try #require(analysis.network?.outputs.first)
        let upper = try #require(out.upper)
        #expect(out.criticalPath.map(\.op) == ["Conv→Gemm (segment)"], "\(out.criticalPath)")

        // The composed matrix fc·S·T at the model's size, S the BN scale per output channel.
        let t = DenseOperator.conv(def, input: n, n)
        let scale = zip(gamma, variance).map { Double(Float($0)) / (Double(Float($1)) + 1e-5).squareRoot() }
        var m = [Double](repeating: 0, count: outputs * t.cols)
        for p in 0..<outputs {
            for r in 0..<features {
                let v = fc[p * features + r] * scale[r / (n * n)]
                for j in 0..<t.cols { m[p * t.cols + j] += v * t.values[r * t.cols + j] }
            }
        }
        let truth = DenseSVD.singularValues(real: m, rows: outputs, cols: t.cols).first ?? 0
        #expect(upper >= truth, "\(upper) vs \(truth)")
        // Stride 1: the size-independent bound is the same map at the one input size giving a 5×5 output, or
        // at another split of its 25 pixels (1×25, 25×1), which can only be larger.
        if sizeSpecific { #expect(upper <= 1.001 * truth, "\(upper) vs \(truth)") }
    }
}
