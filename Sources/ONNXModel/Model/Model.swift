/// A loaded ONNX model: its metadata and main graph.
///
/// A `Model` is an immutable value. Tensor payloads stay in the storage the loader produced and are decoded
/// on demand (`Tensor.doubles()`), so holding a `Model` costs roughly one copy of the weights.
public struct Model: Sendable {
    /// The path the model was loaded from, as given by the caller.
    public var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String
    /// `ModelProto.ir_version` (any value is accepted).
    public var irVersion: Int64
    public var producerName: String
    public var producerVersion: String
    /// Operator sets by domain. The default domain is stored as `"ai.onnx"` (`""` in the file).
    public var opsets: [String: Int64]
    /// `ModelProto.metadata_props` in file order (liplint reads `liplint:ignore` from here).
    public var metadata: [MetadataEntry]
    /// The main graph. Its `path` is `"main"`.
    public var graph: Graph
    /// Local functions (`ModelProto.functions`), by `domain` and `name`.
    public var functions: [Function]

    public init(
        path: String, sha256: String, irVersion: Int64, producerName: String, producerVersion: String,
        opsets: [String: Int64], metadata: [MetadataEntry], graph: Graph, functions: [Function] = []
    ) {
        self.path = path
        self.sha256 = sha256
        self.irVersion = irVersion
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.opsets = opsets
        self.metadata = metadata
        self.graph = graph
        self.functions = functions
    }

    /// The opset version of the default ONNX domain, or `nil` when the model imports none.
    public var defaultOpset: Int64? { opsets["ai.onnx"] }
}

/// One `StringStringEntryProto`.
public struct MetadataEntry: Sendable, Hashable, Codable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A model-local function (`FunctionProto`): kept so that calls to it are reported, not silently skipped.
public struct Function: Sendable {
    public var domain: String
    public var name: String
    public var inputs: [String]
    public var outputs: [String]
    public var nodes: [Node]
    public init(domain: String, name: String, inputs: [String], outputs: [String], nodes: [Node]) {
        self.domain = domain
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.nodes = nodes
    }
}
