/// A loaded ONNX model: its metadata and main graph.
///
/// A `Model` is an immutable value. Tensor payloads stay where the loader found them and are decoded on
/// demand (`Tensor.doubles()`): a large tensor's `raw_data` is read from the model file at each decode (and
/// external data from its file), so holding a `Model` costs little beyond its graph and small tensors. Keep
/// the file in place and unchanged while you use the model: decoding a large tensor of a file that was
/// replaced, changed or removed since loading throws `ModelError.invalidTensor`.
public struct Model: Sendable {
    /// The path the model was loaded from, as given by the caller.
    public var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String
    /// The file's size in bytes (0 for a model not loaded from a file).
    public var fileSize: Int
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
        opsets: [String: Int64], metadata: [MetadataEntry], graph: Graph, functions: [Function] = [],
        fileSize: Int = 0
    ) {
        self.path = path
        self.sha256 = sha256
        self.fileSize = fileSize
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
