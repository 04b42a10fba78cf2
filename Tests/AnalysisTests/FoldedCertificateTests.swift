import Foundation
import ONNXModel
import Testing
import TestSupport

@testable import Analysis

/// The folded-conv certificates computed ahead of the network pass are kept per conv **and** scale: asking for
/// the same conv with another output-channel scale computes that scale's certificate instead of reusing the
/// first one (which could be smaller, and so not a bound).
@Suite struct FoldedCertificateTests {
    @Test func aPrecomputedFoldIsNotReusedForAnotherScale() throws {
        var generator = SeededGenerator(seed: 11)
        let weights = (0..<(3 * 2 * 9)).map { _ in Float.random(in: -1...1, using: &generator) }
        let graph = ONNXWriter.graph(
            nodes: [
                ONNXWriter.node(
                    op: "Conv", inputs: ["x", "w"], outputs: ["y"], name: "conv",
                    attributes: [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1])])
            ],
            initializers: [ONNXWriter.tensor(name: "w", dims: [3, 2, 3, 3], floats: weights)],
            inputs: [ONNXWriter.valueInfo(name: "x", elementType: .float, shape: [1, 2, 6, 6])],
            outputs: [ONNXWriter.valueInfo(name: "y", elementType: .float, shape: nil)])
        let directory = try FileIO.makeTemporaryDirectory("liplint-fold")
        defer { FileIO.remove(directory) }
        try FileIO.write(ONNXWriter.model(opsets: [("", 17)], graph: graph), to: directory + "/m.onnx")
        let options = AnalysisOptions(bounds: .fast)
        let analysis = try ModelAnalyzer(options: options).analyze(path: directory + "/m.onnx")
        let layer = try #require(analysis.layers.first)
        let conv = try #require({ () -> ConvLayer? in
            if case .conv(let c) = layer.layer { return c }
            return nil
        }())

        let calculator = LayerFigureCalculator(options: options, layerCount: 1)
        let plain = AnalysisLayerBounds(layers: analysis.layers, sizeSpecific: false, calculator: calculator)
        let small = [0.1, 0.1, 0.1], large = [10.0, 10.0, 10.0]
        let fresh = try plain.upperBound(conv: conv, outputChannelScale: large)
        let precomputed = plain.precomputingFolded([FoldRequest(conv: conv, scale: small)])
        let asked = try precomputed.upperBound(conv: conv, outputChannelScale: large)
        #expect(asked == fresh)
        #expect(try precomputed.upperBound(conv: conv, outputChannelScale: small) < asked)
    }
}
