internal import CProtobufC
internal import ONNXProtoC

/// Turns the C structs protobuf-c decoded into the Swift `Model`. Strings, small arrays and small `raw_data`
/// are copied; a large `raw_data` is not: its tensor points into the model file (`FileRegion`), so that the
/// model keeps nothing of `owner`.
struct ModelConverter {
    let path: String
    let fileSize: Int
    let limits: LoadLimits
    let owner: UnpackedModel
    let externalData: ExternalDataResolver
    /// Where large `raw_data` lies in the model file; `nil` copies every `raw_data`.
    let fileBacking: RawDataBacking?
    /// Bytes declared so far by tensors stored in the file itself.
    var inlineTensorBytes = 0
    /// The place of the message being converted in the message tree (as the wire scan names it).
    var place = WirePath()

    init(
        path: String, fileSize: Int, limits: LoadLimits, owner: UnpackedModel, externalData: ExternalDataResolver,
        fileBacking: RawDataBacking? = nil
    ) {
        self.path = path
        self.fileSize = fileSize
        self.limits = limits
        self.owner = owner
        self.externalData = externalData
        self.fileBacking = fileBacking
    }

    /// Runs `body` with `place` one level down, at occurrence `index` of message field `field`.
    mutating func descending<T>(field: UInt64, index: Int, _ body: (inout ModelConverter) throws(ModelError) -> T)
        throws(ModelError) -> T
    {
        place.push(field: field, index: index)
        defer { place.pop() }
        return try body(&self)
    }

    mutating func model(sha256: String) throws(ModelError) -> Model {
        let m = owner.message.pointee
        var opsets: [String: Int64] = [:]
        for i in 0..<m.n_opset_import {
            guard let entry = m.opset_import[i]?.pointee else { continue }
            var domain = Self.string(entry.domain)
            if domain.isEmpty { domain = "ai.onnx" }
            opsets[domain] = entry.has_version != 0 ? entry.version : 1
        }
        let metadata = Self.entries(m.metadata_props, m.n_metadata_props)
        guard let graphPointer = m.graph else {
            throw .malformed(path: path, offset: 0, reason: "no graph (ModelProto field 7)")
        }
        let graph = try descending(field: 7, index: 0) { (c) throws(ModelError) in
            try c.graph(graphPointer, path: "main", depth: 0)
        }
        var functions: [Function] = []
        for i in 0..<m.n_functions {
            guard let f = m.functions[i]?.pointee else { continue }
            let domain = Self.string(f.domain)
            let name = Self.string(f.name)
            // Function bodies are not inside a graph: their subgraphs are at depth 0, as in the wire scan.
            let nodes = try descending(field: 25, index: i) { (c) throws(ModelError) in
                try c.nodes(f.node, f.n_node, field: 7, graphPath: "functions/\(domain).\(name)", depth: -1)
            }
            functions.append(
                Function(
                    domain: domain, name: name, inputs: Self.strings(f.input, f.n_input),
                    outputs: Self.strings(f.output, f.n_output), nodes: nodes))
        }
        return Model(
            path: path, sha256: sha256, irVersion: m.has_ir_version != 0 ? m.ir_version : 0,
            producerName: Self.string(m.producer_name), producerVersion: Self.string(m.producer_version),
            opsets: opsets, metadata: metadata, graph: graph, functions: functions, fileSize: fileSize)
    }

    // MARK: - Graphs and nodes

    mutating func graph(_ pointer: UnsafeMutablePointer<Onnx__GraphProto>, path graphPath: String, depth: Int)
        throws(ModelError) -> Graph
    {
        if depth > limits.maxSubgraphDepth {
            throw .limitExceeded(path: path, reason: "subgraphs nest deeper than \(limits.maxSubgraphDepth) levels")
        }
        let g = pointer.pointee
        let nodes = try self.nodes(g.node, g.n_node, field: 1, graphPath: graphPath, depth: depth)
        var initializers: [Tensor] = []
        initializers.reserveCapacity(g.n_initializer)
        for i in 0..<g.n_initializer {
            guard let t = g.initializer[i] else { continue }
            initializers.append(try descending(field: 5, index: i) { (c) throws(ModelError) in
                try c.tensor(t, context: "initializer #\(i) of graph '\(graphPath)'")
            })
        }
        return Graph(
            path: graphPath, name: Self.string(g.name), nodes: nodes, initializers: initializers,
            inputs: Self.valueInfos(g.input, g.n_input), outputs: Self.valueInfos(g.output, g.n_output),
            valueInfo: Self.valueInfos(g.value_info, g.n_value_info))
    }

    mutating func nodes(
        _ list: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__NodeProto>?>?, _ count: Int, field: UInt64,
        graphPath: String, depth: Int
    ) throws(ModelError) -> [Node] {
        var nodes: [Node] = []
        nodes.reserveCapacity(count)
        for index in 0..<count {
            guard let n = list?[index]?.pointee else { continue }
            let name = Self.string(n.name)
            let opType = Self.string(n.op_type)
            var domain = Self.string(n.domain)
            if domain == "ai.onnx" { domain = "" }
            let label = name.isEmpty ? "\(opType)_\(index)" : name
            var attributes: [Attribute] = []
            attributes.reserveCapacity(n.n_attribute)
            for a in 0..<n.n_attribute {
                guard let attribute = n.attribute[a] else { continue }
                attributes.append(try descending(field: field, index: index) { (c) throws(ModelError) in
                    try c.descending(field: 5, index: a) { (c) throws(ModelError) in
                        try c.attribute(attribute, ownerPath: "\(graphPath)/\(label)", depth: depth)
                    }
                })
            }
            nodes.append(
                Node(
                    name: name, opType: opType, domain: domain, inputs: Self.strings(n.input, n.n_input),
                    outputs: Self.strings(n.output, n.n_output), attributes: attributes, index: index))
        }
        return nodes
    }

    // MARK: - Attributes

    /// `AttributeProto.type` values.
    private enum AttributeType: Int32 {
        case float = 1, int, string, tensor, graph, floats, ints, strings, tensors, graphs
    }

    mutating func attribute(_ pointer: UnsafeMutablePointer<Onnx__AttributeProto>, ownerPath: String, depth: Int)
        throws(ModelError) -> Attribute
    {
        let a = pointer.pointee
        let name = Self.string(a.name)
        let declared: Int32 = a.has_type != 0 ? a.type : 0
        let typeNumber = declared != 0 ? declared : Self.inferredType(a)
        if a.ref_attr_name != nil {
            return Attribute(name: name, value: .unsupported(type: typeNumber))
        }
        let subgraphPath = "\(ownerPath).\(name)"
        let value: AttributeValue
        switch AttributeType(rawValue: typeNumber) {
        case .float?: value = .float(a.f)
        case .int?: value = .int(a.i)
        case .string?: value = .string(Self.bytes(a.s))
        case .tensor?:
            guard let t = a.t else { return Attribute(name: name, value: .unsupported(type: typeNumber)) }
            value = .tensor(try descending(field: 5, index: 0) { (c) throws(ModelError) in
                try c.tensor(t, context: "attribute '\(subgraphPath)'")
            })
        case .graph?:
            guard let g = a.g else { return Attribute(name: name, value: .unsupported(type: typeNumber)) }
            value = .graph(try descending(field: 6, index: 0) { (c) throws(ModelError) in
                try c.graph(g, path: subgraphPath, depth: depth + 1)
            })
        case .floats?:
            value = .floats(a.n_floats == 0 ? [] : Array(UnsafeBufferPointer(start: a.floats, count: a.n_floats)))
        case .ints?:
            value = .ints(a.n_ints == 0 ? [] : Array(UnsafeBufferPointer(start: a.ints, count: a.n_ints)))
        case .strings?:
            value = .strings((0..<a.n_strings).map { Self.bytes(a.strings[$0]) })
        case .tensors?:
            var tensors: [Tensor] = []
            for i in 0..<a.n_tensors {
                guard let t = a.tensors[i] else { continue }
                tensors.append(try descending(field: 10, index: i) { (c) throws(ModelError) in
                    try c.tensor(t, context: "attribute '\(subgraphPath)[\(i)]'")
                })
            }
            value = .tensors(tensors)
        case .graphs?:
            var graphs: [Graph] = []
            for i in 0..<a.n_graphs {
                guard let g = a.graphs[i] else { continue }
                graphs.append(try descending(field: 11, index: i) { (c) throws(ModelError) in
                    try c.graph(g, path: "\(subgraphPath)[\(i)]", depth: depth + 1)
                })
            }
            value = .graphs(graphs)
        case nil:
            value = .unsupported(type: typeNumber)
        }
        return Attribute(name: name, value: value)
    }

    /// The type of an attribute without `type` (IR < 2), from the value field that is present; 0 when none is.
    private static func inferredType(_ a: Onnx__AttributeProto) -> Int32 {
        if a.has_f != 0 { return AttributeType.float.rawValue }
        if a.has_i != 0 { return AttributeType.int.rawValue }
        if a.has_s != 0 { return AttributeType.string.rawValue }
        if a.t != nil { return AttributeType.tensor.rawValue }
        if a.g != nil { return AttributeType.graph.rawValue }
        if a.sparse_tensor != nil { return 11 }
        if a.n_floats > 0 { return AttributeType.floats.rawValue }
        if a.n_ints > 0 { return AttributeType.ints.rawValue }
        if a.n_strings > 0 { return AttributeType.strings.rawValue }
        if a.n_tensors > 0 { return AttributeType.tensors.rawValue }
        if a.n_graphs > 0 { return AttributeType.graphs.rawValue }
        return 0
    }

    // MARK: - Value infos

    static func valueInfos(_ list: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__ValueInfoProto>?>?, _ count: Int)
        -> [ValueInfo]
    {
        (0..<count).compactMap { i in
            guard let v = list?[i]?.pointee else { return nil }
            return valueInfo(v)
        }
    }

    static func valueInfo(_ v: Onnx__ValueInfoProto) -> ValueInfo {
        let name = string(v.name)
        guard let type = v.type?.pointee, type.value_case == ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE,
            let tensorType = type.tensor_type?.pointee
        else { return ValueInfo(name: name, elementType: nil, shape: nil) }
        let elementType = tensorType.has_elem_type != 0 ? ElementType(rawValue: tensorType.elem_type) : nil
        guard let shape = tensorType.shape?.pointee else {
            return ValueInfo(name: name, elementType: elementType, shape: nil)
        }
        var dims: [Dimension] = []
        dims.reserveCapacity(shape.n_dim)
        for i in 0..<shape.n_dim {
            guard let d = shape.dim[i]?.pointee else {
                dims.append(.unknown)
                continue
            }
            switch d.value_case {
            case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE: dims.append(.value(d.dim_value))
            case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM:
                let symbol = string(d.dim_param)
                dims.append(symbol.isEmpty ? .unknown : .symbol(symbol))
            default: dims.append(.unknown)
            }
        }
        return ValueInfo(name: name, elementType: elementType, shape: dims)
    }

    // MARK: - C helpers

    static func string(_ p: UnsafeMutablePointer<CChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    static func strings(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int) -> [String] {
        (0..<count).map { string(list?[$0]) }
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    static func entries(_ list: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__StringStringEntryProto>?>?, _ count: Int)
        -> [MetadataEntry]
    {
        (0..<count).compactMap { i in
            guard let e = list?[i]?.pointee else { return nil }
            return MetadataEntry(key: string(e.key), value: string(e.value))
        }
    }
}
