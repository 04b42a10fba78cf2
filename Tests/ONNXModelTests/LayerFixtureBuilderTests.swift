import Testing
@testable import ONNXModel

/// Builds `Model` values in code for the layer, shape and folding tests (no file round trip).
struct TestGraph {
    var path = "main"
    var nodes: [Node] = []
    var initializers: [Tensor] = []
    var inputs: [ValueInfo] = []
    var outputs: [ValueInfo] = []
    var valueInfo: [ValueInfo] = []

    init(path: String = "main") { self.path = path }

    /// A run-time graph input.
    mutating func input(_ name: String, _ dims: [Dimension]?, type: ElementType = .float) {
        inputs.append(ValueInfo(name: name, elementType: type, shape: dims))
    }

    /// A run-time graph input of fixed dims.
    mutating func input(_ name: String, _ dims: [Int], type: ElementType = .float) {
        input(name, dims.map { .value(Int64($0)) }, type: type)
    }

    /// A DOUBLE initializer; values default to `0.01·(i+1)`.
    mutating func weight(_ name: String, _ dims: [Int], _ values: [Double]? = nil, listAsInput: Bool = false) {
        let count = dims.reduce(1, *)
        initializers.append(Tensor(name: name, dims: dims, doubles: values ?? (0..<count).map { 0.01 * Double($0 + 1) }))
        if listAsInput { inputs.append(ValueInfo(name: name, elementType: .double, shape: dims.map { .value(Int64($0)) })) }
    }

    /// A 1-D INT64 initializer (shape vectors, axes).
    mutating func ints(_ name: String, _ values: [Int], dims: [Int]? = nil) {
        initializers.append(Tensor(name: name, dims: dims ?? [values.count], int64s: values.map { Int64($0) }))
    }

    mutating func node(
        _ op: String, _ inputs: [String], _ outputs: [String], name: String = "", domain: String = "",
        _ attributes: [String: AttributeValue] = [:]
    ) {
        let attributeList = attributes.keys.sorted().map { Attribute(name: $0, value: attributes[$0]!) }
        nodes.append(Node(
            name: name, opType: op, domain: domain, inputs: inputs, outputs: outputs, attributes: attributeList,
            index: nodes.count))
    }

    var graph: Graph {
        Graph(path: path, name: "g", nodes: nodes, initializers: initializers, inputs: inputs, outputs: outputs, valueInfo: valueInfo)
    }

    func model(opset: Int64 = 22) -> Model {
        Model(
            path: "test.onnx", sha256: "", irVersion: 8, producerName: "test", producerVersion: "",
            opsets: ["ai.onnx": opset], metadata: [], graph: graph)
    }

    /// Runs extraction with the given input shapes.
    func layers(opset: Int64 = 22, inputShapes: [String: [Int]] = [:]) throws -> ModelLayers {
        try ModelLayers.extract(from: model(opset: opset), inputShapes: inputShapes)
    }
}

extension AttributeValue {
    /// A string attribute from text (`auto_pad`, ...).
    static func text(_ value: String) -> AttributeValue { .string(Array(value.utf8)) }
    static func list(_ values: [Int]) -> AttributeValue { .ints(values.map { Int64($0) }) }
}

extension ConvLayer.Weights {
    /// The weight values when static.
    var values: [Double]? {
        if case .constant(let tensor) = self { return try? tensor.doubles() }
        return nil
    }
}

@Suite struct LayerFixtureBuilderTests {
    @Test func builderMakesAConvLayer() throws {
        var g = TestGraph()
        g.input("x", [1, 3, 8, 8])
        g.weight("w", [4, 3, 3, 3])
        g.node("Conv", ["x", "w"], ["y"], name: "conv")
        let layers = try g.layers()
        #expect(layers.convs.count == 1)
        #expect(layers.convs.first?.name == "conv")
        #expect(layers.convs.first?.outputSize == [6, 6])
        #expect(layers.shapes["y"] == [1, 4, 6, 6])
    }
}
