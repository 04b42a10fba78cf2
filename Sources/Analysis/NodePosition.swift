import ONNXModel

/// Where a node sits: its graph (`"main"` or the subgraph path) and its index in that graph's node list.
/// `ModelAnalysis.nodePositions` maps every node name to one, so findings about any node (not only conv and
/// dense layers) can carry its index and be reported in graph order.
public struct NodePosition: Sendable, Hashable {
    public var graph: String
    public var index: Int
    /// Position in the walk over all graphs (main graph first, then subgraphs by path; nodes by index).
    public var order: Int

    public init(graph: String, index: Int, order: Int) {
        self.graph = graph
        self.index = index
        self.order = order
    }

    /// Every node of `graphs` by name (`<op>_<index>` when the file leaves it empty, as layers are named);
    /// nodes outside the main graph by `graph/name`. The first node wins when a name repeats.
    static func positions(in graphs: [Graph]) -> [String: NodePosition] {
        let sorted = graphs.sorted { a, b in
            (a.path == "main" ? 0 : 1, a.path) < (b.path == "main" ? 0 : 1, b.path)
        }
        var result: [String: NodePosition] = [:]
        var order = 0
        for graph in sorted {
            for node in graph.nodes {
                let name = node.name.isEmpty ? "\(node.opType)_\(node.index)" : node.name
                let key = graph.path == "main" ? name : "\(graph.path)/\(name)"
                if result[key] == nil { result[key] = NodePosition(graph: graph.path, index: node.index, order: order) }
                order += 1
            }
        }
        return result
    }
}
