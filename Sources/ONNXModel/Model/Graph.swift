/// An ONNX graph: nodes in file (topological) order, its initializers, inputs and outputs.
public struct Graph: Sendable {
    /// Where the graph sits: `"main"` for the model's graph, and for a subgraph the owner's path, the node
    /// name and the attribute, e.g. `"main/If_3.then_branch"` (`graphs` attributes add `[index]`).
    public var path: String
    public var name: String
    /// Nodes in file order. `Node.index` is the position in this array.
    public var nodes: [Node]
    /// Initializers in file order.
    public var initializers: [Tensor]
    public var inputs: [ValueInfo]
    public var outputs: [ValueInfo]
    /// `GraphProto.value_info`: types and shapes the exporter recorded for intermediate values.
    public var valueInfo: [ValueInfo]

    public init(
        path: String, name: String, nodes: [Node], initializers: [Tensor], inputs: [ValueInfo],
        outputs: [ValueInfo], valueInfo: [ValueInfo]
    ) {
        self.path = path
        self.name = name
        self.nodes = nodes
        self.initializers = initializers
        self.inputs = inputs
        self.outputs = outputs
        self.valueInfo = valueInfo
    }

    /// The initializer with this name, if any (the last one wins when a file repeats a name).
    public func initializer(named name: String) -> Tensor? {
        initializers.last { $0.name == name }
    }

    /// Graph inputs that are not backed by an initializer: the values a caller must feed at run time.
    public var runtimeInputs: [ValueInfo] {
        let weights = Set(initializers.map(\.name))
        return inputs.filter { !weights.contains($0.name) }
    }

    /// Every subgraph held in a node attribute (If/Loop/Scan bodies), one level deep.
    public var subgraphs: [Graph] {
        nodes.flatMap { node in
            node.attributes.flatMap { attribute -> [Graph] in
                switch attribute.value {
                case .graph(let graph): return [graph]
                case .graphs(let graphs): return graphs
                default: return []
                }
            }
        }
    }
}

/// `ValueInfoProto`: a named value with its type when the file records one.
public struct ValueInfo: Sendable, Hashable {
    public var name: String
    /// The element type of a tensor value, `nil` when the type is missing or not a tensor.
    public var elementType: ElementType?
    /// The tensor's shape, `nil` when the file records no shape (rank unknown).
    public var shape: [Dimension]?

    public init(name: String, elementType: ElementType?, shape: [Dimension]?) {
        self.name = name
        self.elementType = elementType
        self.shape = shape
    }
}

/// One dimension of a recorded shape.
public enum Dimension: Sendable, Hashable, CustomStringConvertible {
    /// A fixed size (`dim_value`). Exporters write -1 for "dynamic" too; the loader keeps it as is.
    case value(Int64)
    /// A named symbolic size (`dim_param`), e.g. `"batch"`.
    case symbol(String)
    /// Neither set.
    case unknown

    public var description: String {
        switch self {
        case .value(let v): return String(v)
        case .symbol(let s): return s
        case .unknown: return "?"
        }
    }

    /// The fixed size when it is a non-negative value.
    public var fixedValue: Int? {
        if case .value(let v) = self, v >= 0, v <= Int64(Int32.max) { return Int(v) }
        return nil
    }
}
