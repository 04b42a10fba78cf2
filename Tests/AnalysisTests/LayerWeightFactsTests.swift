import Foundation
import Testing
import LipschitzKit
import ONNXModel
import TestSupport
@testable import Analysis

/// What each layer's job computes from its weights (`LayerWeightFacts`) is what the stages after the figures
/// computed before: the same weight statistics, the same initializer ranges the network pass would seed, and
/// so the same network bound.
@Suite struct LayerWeightFactsTests {
    typealias W = ONNXWriter
    static let shapes = ["x": [1, 3, 12, 12]]

    /// Conv 3×3 (bias) → Relu → Conv 1×1 → Conv 3×3 group 2 → Gemm-free output, FLOAT initializers (seeded), and
    /// one DOUBLE conv weight (its range is left to the pass).
    static func model(in dir: String) throws -> String {
        var random = SeededGenerator(seed: 2024)
        func floats(_ name: String, _ dims: [Int64]) -> W.Tensor {
            W.tensor(name: name, dims: dims, floats: random.normals(Int(dims.reduce(1, *))).map { Float($0 * 0.3) })
        }
        let conv: (String, [String], String, Int64, Int64) -> W.Node = { name, inputs, out, k, group in
            W.node(op: "Conv", inputs: inputs, outputs: [out], name: name, attributes: [
                .ints("kernel_shape", [k, k]), .ints("pads", [Int64](repeating: k / 2, count: 4)), .int("group", group)])
        }
        let initializers = [
            floats("w1", [8, 3, 3, 3]), floats("b1", [8]), floats("w2", [16, 8, 1, 1]), floats("w3", [8, 8, 3, 3]),
            W.tensor(name: "w4", dims: [4, 8, 1, 1], doubles: random.normals(32)),
        ]
        let bytes = W.model(graph: W.graph(
            nodes: [
                conv("c1", ["x", "w1", "b1"], "y1", 3, 1), W.node(op: "Relu", inputs: ["y1"], outputs: ["r1"], name: "r"),
                conv("c2", ["r1", "w2"], "y2", 1, 1), conv("c3", ["y2", "w3"], "y3", 3, 2), conv("c4", ["y3", "w4"], "y", 1, 1),
            ],
            initializers: initializers, inputs: [W.valueInfo(name: "x", elementType: .float, shape: [1, 3, 12, 12])],
            outputs: [W.valueInfo(name: "y", elementType: .float, shape: nil)]))
        let path = dir + "/m.onnx"
        try W.write(bytes, to: path)
        return path
    }

    @Test func factsEqualTheStatisticsAndTheInitializerRanges() throws {
        let dir = try FileIO.makeTemporaryDirectory("weight-facts")
        defer { FileIO.remove(dir) }
        let model = try ModelLoader().load(path: try Self.model(in: dir))
        let layers = try ModelLayers.extract(from: model, inputShapes: Self.shapes)
        let options = AnalysisOptions(bounds: .fast, inputShapes: Self.shapes)
        let context = LayerWeightFacts.Context(model: model, options: options)
        let initializers = Dictionary(model.graph.initializers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var ranges: [String] = []
        for layer in layers.convs.map({ LayerAnalysis.Layer.conv($0) }) {
            let facts = LayerWeightFacts(layer, figures: LayerFigures(), context: context)
            let statistics = WeightStatistics.compute(
                layer, overridable: context.overridable, svd: true, limits: options.limits)
            #expect(facts.statistics != nil)
            #expect(facts.statistics == statistics)
            guard case .conv(let conv) = layer, let tensor = initializers[conv.weightName], tensor.elementType == .float
            else {
                #expect(facts.range == nil)
                continue
            }
            let range = try #require(facts.range)
            #expect(range.name == conv.weightName && range.graph == "main")
            #expect(range.values == ConstantRange(values: try tensor.floats()))
            ranges.append(range.name)
        }
        #expect(ranges == ["w1", "w2", "w3"])
    }

    /// The analyzer's network bound (with the ranges from the layers' jobs) equals the pass without them.
    @Test func theNetworkBoundIsTheSameWithoutKnownRanges() throws {
        let dir = try FileIO.makeTemporaryDirectory("weight-facts")
        defer { FileIO.remove(dir) }
        let path = try Self.model(in: dir)
        let options = AnalysisOptions(bounds: .fast, inputShapes: Self.shapes, inputRanges: ["x": 0...1])
        let analyzer = ModelAnalyzer(options: options)
        let analysis = try analyzer.analyze(path: path)
        let model = try ModelLoader().load(path: path)
        let layers = try ModelLayers.extract(from: model, inputShapes: Self.shapes)
        let calculator = LayerFigureCalculator(options: options, layerCount: analysis.layers.count)
        let own = try analyzer.networkBound(model: model, layers: layers, analysed: analysis.layers, calculator: calculator)
        #expect(analysis.network?.outputs.first?.upper != nil)
        #expect(analysis.network == own)
        #expect(analysis.layers.allSatisfy { $0.weightStatistics != nil })
    }
}
