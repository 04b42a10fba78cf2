import Testing
import Foundation
import ONNXModel
import TestSupport
@testable import LipschitzKit

/// Builds small test models inline: an `ONNXWriter` graph (evaluated by `ReferenceEvaluator`) that is also
/// written to a temporary file and loaded through the real loader (analysed by `NetworkBoundCalculator`).
struct GraphBuilder {
    var nodes: [ONNXWriter.Node] = []
    var initializers: [ONNXWriter.Tensor] = []
    var inputs: [ONNXWriter.ValueInfo] = []
    var outputs: [ONNXWriter.ValueInfo] = []
    var inputShapes: [String: [Int]] = [:]
    private var counter = 0

    mutating func input(_ name: String, _ shape: [Int], type: ONNXWriter.DataType = .float) {
        inputs.append(ONNXWriter.valueInfo(name: name, elementType: type, shape: shape.map { .value(Int64($0)) }))
        inputShapes[name] = shape
    }

    mutating func output(_ name: String) {
        outputs.append(ONNXWriter.valueInfo(name: name, elementType: .float, shape: nil))
    }

    /// A DOUBLE initializer.
    mutating func weight(_ name: String, _ dims: [Int], _ values: [Double]) {
        initializers.append(ONNXWriter.tensor(name: name, dims: dims.map { Int64($0) }, doubles: values))
    }

    /// An INT64 initializer (shapes, pads).
    mutating func ints(_ name: String, _ values: [Int]) {
        initializers.append(ONNXWriter.tensor(name: name, dims: [Int64(values.count)], int64s: values.map { Int64($0) }))
    }

    /// A BatchNormalization of `x` with per-channel parameters as fresh initializers; returns its output.
    mutating func batchNorm(
        _ x: String, gamma: [Double], beta: [Double], mean: [Double], variance: [Double], epsilon: Double = 1e-5
    ) -> String {
        counter += 1
        let names = ["gamma", "beta", "mean", "var"].map { "\($0)\(counter)" }
        for (name, values) in zip(names, [gamma, beta, mean, variance]) { weight(name, [values.count], values) }
        return node("BatchNormalization", [x] + names, nil, [.float("epsilon", Float(epsilon))])
    }

    /// A one-element DOUBLE constant; returns its name.
    mutating func scalar(_ value: Double) -> String {
        counter += 1
        let name = "c\(counter)"
        weight(name, [1], [value])
        return name
    }

    /// Appends a node named `<op><n>` with one output named `out` (or a fresh name); returns the output.
    @discardableResult
    mutating func node(_ op: String, _ inputs: [String], _ out: String? = nil, _ attributes: [ONNXWriter.Attribute] = []) -> String {
        counter += 1
        let output = out ?? "t\(counter)"
        nodes.append(ONNXWriter.node(op: op, inputs: inputs, outputs: [output], name: "\(op)\(counter)", attributes: attributes))
        return output
    }

    /// A conv with random weights from `rng`: `cout × cin/group × k × k`.
    mutating func conv(
        _ x: String, cin: Int, cout: Int, k: Int, stride: Int = 1, pad: Int = 0, dilation: Int = 1, group: Int = 1,
        bias: Bool = false, rng: inout SeededGenerator, scale: Double = 0.4
    ) -> String {
        counter += 1
        let w = "w\(counter)"
        weight(w, [cout, cin / group, k, k], rng.normals(cout * (cin / group) * k * k).map { $0 * scale })
        var operands = [x, w]
        if bias {
            let b = "b\(counter)"
            weight(b, [cout], rng.normals(cout).map { $0 * 0.1 })
            operands.append(b)
        }
        return node("Conv", operands, nil, [
            .ints("kernel_shape", [Int64(k), Int64(k)]), .ints("strides", [Int64(stride), Int64(stride)]),
            .ints("pads", [Int64](repeating: Int64(pad), count: 4)), .ints("dilations", [Int64(dilation), Int64(dilation)]),
            .int("group", Int64(group)),
        ])
    }

    var graph: ONNXWriter.Graph {
        ONNXWriter.graph(nodes: nodes, initializers: initializers, inputs: inputs, outputs: outputs)
    }

    /// Writes, loads and extracts the model.
    func load(opset: Int64 = 17) throws -> LoadedModel {
        let directory = try FileIO.makeTemporaryDirectory("lipschitzkit")
        defer { FileIO.remove(directory) }
        let path = directory + "/m.onnx"
        try ONNXWriter.write(ONNXWriter.model(opsets: [("", opset)], graph: graph), to: path)
        let model = try ModelLoader().load(path: path)
        let layers = try ModelLayers.extract(from: model, inputShapes: inputShapes)
        return LoadedModel(graph: graph, model: model, layers: layers, inputShapes: inputShapes)
    }
}

/// A test model in both forms.
struct LoadedModel {
    let graph: ONNXWriter.Graph
    let model: Model
    let layers: ModelLayers
    let inputShapes: [String: [Int]]

    var evaluator: ReferenceEvaluator { ReferenceEvaluator(graph: graph) }

    /// The network bound with exact per-layer norms at the model's size. Every model the tests bound this way
    /// also checks that `foldRequests()` lists exactly the folded certificates the pass asked for.
    func bound(_ options: NetworkBoundOptions = .init(boundUsed: .embedding, sizeSpecific: true)) throws -> NetworkBound {
        let recording = FoldRecordingBounds(ExactOperatorBounds())
        let calculator = try NetworkBoundCalculator(model: model, layers: layers, bounds: recording, options: options)
        let result = calculator.compute()
        let listed = FoldRecordingBounds.keys(calculator.foldRequests())
        #expect(listed == recording.requests, "foldRequests() differs from the certificates the pass asked for")
        return result
    }

    func conv(_ index: Int) -> ConvLayer { layers.convs[index] }
}
