import ONNXModel

/// The outer-scope values a node's subgraphs (If/Loop/Scan bodies) read: the pass treats them as inputs of
/// the node, so the node comes after them and depends on them.
enum SubgraphReferences {
    /// Names a node's subgraphs (recursively) read without defining them.
    static func outer(_ node: Node) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func scan(_ graph: Graph, defined outer: Set<String>) {
            var defined = outer.union(graph.initializers.map(\.name)).union(graph.inputs.map(\.name))
            for inner in graph.nodes {
                for name in inner.inputs where !name.isEmpty && !defined.contains(name) && seen.insert(name).inserted {
                    result.append(name)
                }
                for attribute in inner.attributes {
                    switch attribute.value {
                    case .graph(let g): scan(g, defined: defined)
                    case .graphs(let gs): gs.forEach { scan($0, defined: defined) }
                    default: break
                    }
                }
                defined.formUnion(inner.outputs)
            }
            for output in graph.outputs where !defined.contains(output.name) && seen.insert(output.name).inserted {
                result.append(output.name)
            }
        }
        for attribute in node.attributes {
            switch attribute.value {
            case .graph(let g): scan(g, defined: [])
            case .graphs(let gs): gs.forEach { scan($0, defined: []) }
            default: break
            }
        }
        return result
    }
}
